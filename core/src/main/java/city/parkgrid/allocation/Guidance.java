package city.parkgrid.allocation;

import city.parkgrid.geo.GeoPoint;
import city.parkgrid.lots.Lot;
import city.parkgrid.lots.LotCatalog;
import city.parkgrid.lots.LotKind;
import city.parkgrid.lots.NearbyLot;
import city.parkgrid.occupancy.LotOccupancy;
import city.parkgrid.occupancy.LotStatus;
import city.parkgrid.occupancy.OccupancyStore;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * Answers "where should I park for this destination?" from the lot index and live occupancy.
 * Thread-safe; never blocks (the store answers asynchronously, the index from memory).
 */
public final class Guidance {

    /** How far beyond the walking limit alternatives are sought when nothing is free within it. */
    public static final double ALTERNATIVES_RADIUS_METRES = 5_000;
    public static final int MAX_ALTERNATIVES = 5;

    private final LotCatalog lots;
    private final OccupancyStore occupancy;
    private final RankingWeights weights;

    public Guidance(LotCatalog lots, OccupancyStore occupancy, RankingWeights weights) {
        this.lots = lots;
        this.occupancy = occupancy;
        this.weights = weights;
    }

    /** Open lots with a free space within walking distance, best first. */
    public CompletionStage<List<RankedOption>> options(GuidanceRequest request) {
        List<NearbyLot> near = lots.findLotsNear(request.destination(), request.maxWalkMetres());
        return withSpace(near).thenApply(available -> Ranking.rank(available.stream()
                .map(n -> candidate(n, request.origin()))
                .toList(), weights));
    }

    /**
     * Open lots with space beyond the walking limit, for drivers the limit left without one:
     * park-and-ride first (the metro takes them the rest of the way), then nearest first.
     */
    public CompletionStage<List<NearbyLot>> alternatives(GeoPoint destination, double maxWalkMetres) {
        List<NearbyLot> beyond = lots.findLotsNear(destination, ALTERNATIVES_RADIUS_METRES).stream()
                .filter(n -> n.distanceMetres() > maxWalkMetres)
                .toList();
        return withSpace(beyond).thenApply(available -> available.stream()
                .map(NearbyLotWithState::nearby)
                .sorted(Comparator.comparing((NearbyLot n) -> n.lot().kind() != LotKind.PARK_AND_RIDE)
                        .thenComparingDouble(NearbyLot::distanceMetres))
                .limit(MAX_ALTERNATIVES)
                .toList());
    }

    private CompletionStage<List<NearbyLotWithState>> withSpace(List<NearbyLot> near) {
        return occupancy.listOccupancy(near.stream().map(n -> n.lot().id()).toList()).thenApply(states -> near.stream()
                .map(n -> new NearbyLotWithState(n, state(states, n.lot())))
                .filter(n -> n.state().status() == LotStatus.OPEN)
                .toList());
    }

    private Candidate candidate(NearbyLotWithState n, GeoPoint origin) {
        Double drive = origin == null ? null : origin.metresTo(n.lot().entrance()) * weights.detourFactor();
        return new Candidate(n.lot(), n.state(), n.distanceMetres(), drive, null);
    }

    private static LotOccupancy state(Map<String, LotOccupancy> states, Lot lot) {
        return states.getOrDefault(lot.id(), LotOccupancy.empty(lot.id(), lot.capacity()));
    }

    /** A nearby lot with its live state. */
    record NearbyLotWithState(NearbyLot nearby, LotOccupancy state) {

        Lot lot() {
            return nearby.lot();
        }

        double distanceMetres() {
            return nearby.distanceMetres();
        }
    }
}
