package city.parkgrid.bench;

import city.parkgrid.allocation.Guidance;
import city.parkgrid.allocation.GuidanceRequest;
import city.parkgrid.allocation.RankingWeights;
import city.parkgrid.allocation.VehicleKind;
import city.parkgrid.catalog.Geography;
import city.parkgrid.dataset.GeoJsonDataSetReader;
import city.parkgrid.geo.GeoPoint;
import city.parkgrid.lots.Lot;
import city.parkgrid.money.Money;
import city.parkgrid.occupancy.OccupancySettings;
import city.parkgrid.occupancy.memory.InMemoryOccupancyStore;
import city.parkgrid.zones.control.ControlSource;
import city.parkgrid.zones.control.ZoneControl;
import city.parkgrid.zones.control.ZoneMode;
import city.parkgrid.zones.control.ZonePolicy;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What the bureau's control costs guidance: the same destinations in Wujiaochang answered with the
 * unit NORMAL, MANAGED below its target, MANAGED above it (diverting) and in EMERGENCY, on the
 * in-memory store so that only the guidance logic is measured. Lots are 80% full (90% for the
 * diverting case). Run with {@code ./parkgrid bench GuidanceControlBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class GuidanceControlBenchmark {

    @Param({"NORMAL", "MANAGED", "MANAGED_DIVERTING", "EMERGENCY"})
    public String control;

    private Guidance guidance;
    private final GuidanceRequest[] requests = new GuidanceRequest[256];
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        Instant now = Instant.parse("2026-11-28T07:00:00Z");
        Geography geography = new Geography(GeoJsonDataSetReader.wujiaochang());
        InMemoryOccupancyStore store = new InMemoryOccupancyStore(OccupancySettings.DEFAULTS);
        double share = control.equals("MANAGED_DIVERTING") ? 0.9 : 0.8;
        for (Lot lot : geography.listLots()) {
            store.registerLot(lot.id(), lot.capacity(), now)
                    .toCompletableFuture()
                    .join();
            store.applySnapshot(lot.id(), (int) (lot.capacity() * share), now, now)
                    .toCompletableFuture()
                    .join();
        }
        ZoneMode mode = control.equals("NORMAL")
                ? ZoneMode.NORMAL
                : control.equals("EMERGENCY") ? ZoneMode.EMERGENCY : ZoneMode.MANAGED;
        ZoneControl zoneControl = new ZoneControl(
                "wujiaochang",
                mode,
                new ZonePolicy(
                        0.85,
                        List.of(),
                        Map.of(),
                        Money.ZERO,
                        List.of("jiangwan-xinjiangwancheng", "siping-tongji"),
                        null,
                        null),
                now,
                null,
                "bureau",
                "benchmark",
                ControlSource.MANUAL);
        guidance = new Guidance(
                geography,
                store,
                RankingWeights.DEFAULTS,
                zoneId -> zoneId.equals("wujiaochang") ? zoneControl : ZoneControl.normal(zoneId));
        Random random = new Random(42);
        for (int i = 0; i < requests.length; i++) {
            GeoPoint destination =
                    GeoPoint.of(31.2985 + random.nextDouble() * 0.002, 121.513 + random.nextDouble() * 0.002);
            requests[i] = new GuidanceRequest(destination, null, null, null, 800, VehicleKind.CAR);
        }
    }

    @Benchmark
    public Object options() {
        return guidance.options(requests[next++ & (requests.length - 1)])
                .toCompletableFuture()
                .join();
    }
}
