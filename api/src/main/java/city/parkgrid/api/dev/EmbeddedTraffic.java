package city.parkgrid.api.dev;

import city.parkgrid.CityTime;
import city.parkgrid.allocation.AllocationOutcome;
import city.parkgrid.allocation.AllocationRequest;
import city.parkgrid.allocation.GuidanceRequest;
import city.parkgrid.allocation.VehicleKind;
import city.parkgrid.api.Platform;
import city.parkgrid.geo.GeoPoint;
import city.parkgrid.lots.Lot;
import city.parkgrid.occupancy.GateEvent;
import city.parkgrid.occupancy.GateEventFlag;
import city.parkgrid.occupancy.GateEventType;
import city.parkgrid.occupancy.LotOccupancy;
import city.parkgrid.sim.Scenario;
import city.parkgrid.sim.Simulation;
import city.parkgrid.sim.platform.ParkingPlatform;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ./parkgrid dev --simulate}: the simulator's drivers and gates feeding the embedded
 * platform in real time (sped up), so a new user sees live occupancy, allocations and streams
 * change. Calls go to the platform's own services on the wall clock, as the HTTP handlers' do; the
 * simulated cars have no accounts, so nothing is charged. Runs on its own daemon thread.
 */
public final class EmbeddedTraffic implements ParkingPlatform {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedTraffic.class);

    private final Platform platform;
    private final String eventPrefix = "live" + System.currentTimeMillis() + "-";
    private int granted;
    private int fulfilled;

    private EmbeddedTraffic(Platform platform) {
        this.platform = platform;
    }

    /** Starts the scenario's day now, {@code speedup} times faster than real time, on a daemon thread. */
    public static Thread start(Platform platform, Scenario scenario, double adoption, double speedup) {
        EmbeddedTraffic traffic = new EmbeddedTraffic(platform);
        Thread thread = new Thread(() -> {
            try {
                Simulation sim = new Simulation(scenario, platform.geography(), traffic, adoption, Scenario.Policy.PARKGRID);
                // the simulated day catches up to the local time of day at once, then runs sped up
                LocalTime timeOfDay = LocalTime.now(CityTime.SHANGHAI);
                sim.runLive("dev", speedup, sim.dayStart().plusSeconds(timeOfDay.toSecondOfDay()),
                        () -> Thread.currentThread().isInterrupted());
            } catch (RuntimeException e) {
                LOG.error("simulated traffic stopped", e);
            }
        }, "parkgrid-simulated-traffic");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static <T> T join(CompletionStage<T> stage) {
        return stage.toCompletableFuture().join();
    }

    private Instant now() {
        return platform.clock().instant();
    }

    @Override
    public AllocationAnswer allocate(String driverId, String plate, GeoPoint destination, double maxWalkMetres,
            int holdMinutes, Instant simulatedNow) {
        GuidanceRequest wish = new GuidanceRequest(destination, null, null, null, maxWalkMetres, VehicleKind.CAR);
        AllocationOutcome outcome = join(platform.allocations().allocate(
                new AllocationRequest(driverId, plate, null, wish, Duration.ofMinutes(holdMinutes)), now()));
        if (!outcome.granted()) {
            return new AllocationAnswer(null, outcome.alternatives().stream().map(n -> n.lot().id()).toList());
        }
        granted++;
        return new AllocationAnswer(new Allocation(outcome.hold().id(), outcome.hold().lotId(), outcome.walkMetres()), List.of());
    }

    private LotOccupancy state(String lotId) {
        Lot lot = platform.geography().getLot(lotId);
        return join(platform.occupancy().store().findOccupancy(lotId)).orElse(LotOccupancy.empty(lotId, lot.capacity()));
    }

    @Override
    public boolean hasFreeSpace(String lotId) {
        return state(lotId).free() > 0;
    }

    @Override
    public int zoneFree(String zoneId) {
        return platform.geography().listLotsInZone(zoneId).stream().mapToInt(l -> state(l.id()).free()).sum();
    }

    @Override
    public void gate(String lotId, String eventId, boolean entry, String plate, Instant simulatedAt) {
        Instant at = now();
        var result = join(platform.occupancy().ingest(lotId, List.of(new GateEvent(eventPrefix + eventId,
                entry ? GateEventType.ENTRY : GateEventType.EXIT, plate, at, "sim")), at));
        if (result.outcomes().get(0).flag() == GateEventFlag.FULFILLED_HOLD) {
            fulfilled++;
        }
    }

    @Override
    public void fill(String lotId, int cars, Instant simulatedAt) {
        Instant at = now();
        join(platform.occupancy().applySnapshot(lotId, cars, at, at));
    }

    @Override
    public void tick(Instant simulatedNow) {
        // the platform's own sweeper expires holds on the wall clock
    }

    @Override
    public int occupied(String lotId) {
        return state(lotId).occupied();
    }

    @Override
    public HoldCounts holdCounts() {
        return new HoldCounts(granted, fulfilled, 0);
    }
}
