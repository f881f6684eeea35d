package city.parkgrid.sim.platform;

import city.parkgrid.allocation.AllocationOutcome;
import city.parkgrid.allocation.AllocationRequest;
import city.parkgrid.allocation.AllocationService;
import city.parkgrid.allocation.AllocationSettings;
import city.parkgrid.allocation.Guidance;
import city.parkgrid.allocation.GuidanceRequest;
import city.parkgrid.allocation.RankingWeights;
import city.parkgrid.allocation.VehicleKind;
import city.parkgrid.catalog.Geography;
import city.parkgrid.geo.GeoPoint;
import city.parkgrid.lots.Lot;
import city.parkgrid.occupancy.GateEvent;
import city.parkgrid.occupancy.GateEventFlag;
import city.parkgrid.occupancy.GateEventType;
import city.parkgrid.occupancy.HoldStatus;
import city.parkgrid.occupancy.IngestionResult;
import city.parkgrid.occupancy.LotOccupancy;
import city.parkgrid.occupancy.OccupancyService;
import city.parkgrid.occupancy.OccupancySettings;
import city.parkgrid.occupancy.memory.InMemoryOccupancyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * ParkGrid itself, in this process, on simulated time: the same occupancy, allocation and
 * ingestion services the HTTP handlers call, with the in-memory store (which passes the same
 * contract tests as Redis). Every call completes at once, so the simulation stays single-threaded
 * and reproducible. Not thread-safe.
 */
public final class InProcessPlatform implements ParkingPlatform {

    private final Geography geography;
    private final InMemoryOccupancyStore store = new InMemoryOccupancyStore(OccupancySettings.DEFAULTS);
    private final OccupancyService occupancy = new OccupancyService(store, OccupancySettings.DEFAULTS);
    private final AllocationService allocations;
    private final Set<String> liveHolds = new HashSet<>();
    private int granted;
    private int fulfilled;
    private int expired;

    public InProcessPlatform(Geography geography, Instant start) {
        this.geography = geography;
        this.allocations = new AllocationService(new Guidance(geography, store, RankingWeights.DEFAULTS), geography, store,
                new AllocationSettings(Duration.ofMinutes(15), AllocationSettings.DEFAULTS.candidatesTried()));
        for (Lot lot : geography.listLots()) {
            join(store.registerLot(lot.id(), lot.capacity(), start));
        }
    }

    private static <T> T join(CompletionStage<T> stage) {
        return stage.toCompletableFuture().join();
    }

    @Override
    public void fill(String lotId, int cars, Instant at) {
        join(occupancy.applySnapshot(lotId, cars, at, at));
    }

    @Override
    public AllocationAnswer allocate(String driverId, String plate, GeoPoint destination, double maxWalkMetres,
            int holdMinutes, Instant now) {
        GuidanceRequest wish = new GuidanceRequest(destination, null, null, null, maxWalkMetres, VehicleKind.CAR);
        AllocationOutcome outcome = join(allocations.allocate(
                new AllocationRequest(driverId, plate, null, wish, Duration.ofMinutes(holdMinutes)), now));
        if (!outcome.granted()) {
            return new AllocationAnswer(null, outcome.alternatives().stream().map(n -> n.lot().id()).toList());
        }
        granted++;
        liveHolds.add(outcome.hold().id());
        return new AllocationAnswer(new Allocation(outcome.hold().id(), outcome.hold().lotId(), outcome.walkMetres()), List.of());
    }

    @Override
    public boolean hasFreeSpace(String lotId) {
        return state(lotId).free() > 0;
    }

    @Override
    public int zoneFree(String zoneId) {
        return geography.listLotsInZone(zoneId).stream().mapToInt(l -> state(l.id()).free()).sum();
    }

    @Override
    public void gate(String lotId, String eventId, boolean entry, String plate, Instant at) {
        IngestionResult result = join(occupancy.ingest(lotId, List.of(new GateEvent(eventId,
                entry ? GateEventType.ENTRY : GateEventType.EXIT, plate, at, null)), at));
        if (result.outcomes().get(0).flag() == GateEventFlag.FULFILLED_HOLD) {
            fulfilled++;
        }
    }

    @Override
    public void tick(Instant now) {
        join(allocations.expireDue(now, 10_000));
        liveHolds.removeIf(id -> {
            HoldStatus status = join(store.findHold(id, now)).map(h -> h.status()).orElse(HoldStatus.EXPIRED);
            if (status == HoldStatus.EXPIRED) {
                expired++;
            }
            return status.isFinal();
        });
    }

    @Override
    public int occupied(String lotId) {
        return state(lotId).occupied();
    }

    @Override
    public HoldCounts holdCounts() {
        return new HoldCounts(granted, fulfilled, expired);
    }

    private LotOccupancy state(String lotId) {
        return join(store.findOccupancy(lotId)).orElseThrow();
    }
}
