package city.parkgrid.bench;

import city.parkgrid.occupancy.GateEvent;
import city.parkgrid.occupancy.GateEventType;
import city.parkgrid.occupancy.OccupancySettings;
import city.parkgrid.occupancy.OccupancyStore;
import city.parkgrid.occupancy.memory.InMemoryOccupancyStore;
import city.parkgrid.occupancy.redis.RedisOccupancyStore;
import city.parkgrid.testing.TestServices;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Gate-event ingestion throughput: batches of {@code batchSize} events (half entries, half exits
 * of cars already inside) applied to one of 100 lots, through the store the HTTP handler uses.
 * Score = batches per second; multiply by batchSize for events per second.
 * Run with {@code ./parkgrid bench IngestionBenchmark} (real Redis at PARKGRID_TEST_REDIS_URI).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class IngestionBenchmark {

    private static final int LOTS = 100;

    @Param({"redis", "memory"})
    public String store;

    @Param({"1", "100"})
    public int batchSize;

    private OccupancyStore occupancy;
    private final AtomicLong sequence = new AtomicLong();
    private final Instant start = Instant.now().minus(Duration.ofHours(1));

    /** Short memories, so that millions of benchmark events do not pile up in Redis for a week. */
    private static final OccupancySettings SETTINGS =
            new OccupancySettings(Duration.ofMinutes(10), Duration.ofMinutes(10), Duration.ofMinutes(5));

    private String prefix;

    @Setup(Level.Trial)
    public void setUp() {
        prefix = TestServices.uniquePrefix();
        occupancy = store.equals("redis")
                ? new RedisOccupancyStore(TestServices.redis(), prefix, SETTINGS)
                : new InMemoryOccupancyStore(SETTINGS);
        for (int lot = 0; lot < LOTS; lot++) {
            occupancy
                    .registerLot("bench-" + lot, 1_000_000, Instant.now())
                    .toCompletableFuture()
                    .join();
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (store.equals("redis")) {
            TestServices.deleteKeys(prefix);
        }
    }

    @Benchmark
    public Object ingestBatch() {
        long first = sequence.getAndAdd(batchSize);
        String lot = "bench-" + (first / batchSize % LOTS);
        List<GateEvent> events = new ArrayList<>(batchSize);
        for (int i = 0; i < batchSize; i++) {
            long n = first + i;
            // every other event is the exit of the car that entered just before it
            boolean exit = n % 2 == 1;
            long car = exit ? n - 1 : n;
            events.add(new GateEvent(
                    "ev" + n, exit ? GateEventType.EXIT : GateEventType.ENTRY, "沪B" + car, start.plusMillis(n), null));
        }
        return occupancy
                .applyGateEvents(lot, events, Instant.now())
                .toCompletableFuture()
                .join();
    }
}
