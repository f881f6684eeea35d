package city.parkgrid.api.standards;

import city.parkgrid.catalog.Geography;
import city.parkgrid.lots.Lot;
import city.parkgrid.occupancy.LotOccupancy;
import city.parkgrid.occupancy.OccupancyService;
import city.parkgrid.occupancy.OccupancyTotals;
import city.parkgrid.zones.Zone;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The live occupancy of lots and parking units, read once per answer for every standard's
 * adapter (OGC, NGSI-LD, APDS, ParkAPI), so that each only maps what the core already knows.
 * A lot whose live state is unknown (lost with Redis, not yet restored) is left out of {@link
 * #lots} and of every unit's totals (which count it in {@link OccupancyTotals#unknownLots}): no
 * feed publishes it as empty. Thread-safe.
 */
public final class LiveState {

    /** A lot with its occupancy now. */
    public record LiveLot(Lot lot, LotOccupancy occupancy) {}

    /**
     * A parking unit with its lots and their totals now.
     *
     * @param updatedAt the latest change to any of its lots, or null when it has none
     */
    public record LiveZone(Zone zone, List<Lot> lots, OccupancyTotals totals, Instant updatedAt) {}

    private final Geography geography;
    private final OccupancyService occupancy;

    public LiveState(Geography geography, OccupancyService occupancy) {
        this.geography = geography;
        this.occupancy = occupancy;
    }

    public Geography geography() {
        return geography;
    }

    public Future<List<LiveLot>> lots(Vertx vertx, List<Lot> lots) {
        return states(vertx, lots).map(states -> {
            List<LiveLot> live = new ArrayList<>(lots.size());
            for (Lot lot : lots) {
                LotOccupancy state = states.get(lot.id());
                if (state != null) {
                    live.add(new LiveLot(lot, state));
                }
            }
            return live;
        });
    }

    public Future<List<LiveZone>> zones(Vertx vertx, List<Zone> zones) {
        List<Lot> lots = zones.stream()
                .flatMap(z -> geography.listLotsInZone(z.id()).stream())
                .toList();
        return states(vertx, lots).map(states -> {
            List<LiveZone> live = new ArrayList<>(zones.size());
            for (Zone zone : zones) {
                List<Lot> inZone = geography.listLotsInZone(zone.id());
                Instant latest = null;
                for (Lot lot : inZone) {
                    LotOccupancy state = states.get(lot.id());
                    Instant at = state == null ? null : state.updatedAt();
                    latest = at == null || (latest != null && !at.isAfter(latest)) ? latest : at;
                }
                live.add(new LiveZone(zone, inZone, OccupancyTotals.of(inZone, states), latest));
            }
            return live;
        });
    }

    private Future<Map<String, LotOccupancy>> states(Vertx vertx, List<Lot> lots) {
        return Future.fromCompletionStage(
                occupancy.listOccupancy(lots.stream().map(Lot::id).toList()), vertx.getOrCreateContext());
    }
}
