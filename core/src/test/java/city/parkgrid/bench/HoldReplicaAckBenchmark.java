package city.parkgrid.bench;

import city.parkgrid.occupancy.HoldIds;
import city.parkgrid.occupancy.HoldRequest;
import city.parkgrid.occupancy.OccupancySettings;
import city.parkgrid.occupancy.redis.RedisEndpoint;
import city.parkgrid.occupancy.redis.RedisOccupancyStore;
import city.parkgrid.testing.TestServices;
import java.time.Duration;
import java.time.Instant;
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
import org.openjdk.jmh.annotations.Threads;

/**
 * What waiting for a replica costs a hold on the Redis Cluster: holds granted by eight threads in
 * 30 lots spread over the masters, with {@code WAIT 1 <replicaAck>} after each (100) or without
 * (0). Score = holds per second. Run with {@code ./parkgrid bench HoldReplicaAckBenchmark} (the
 * test cluster at PARKGRID_TEST_REDIS_CLUSTER).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(8)
public class HoldReplicaAckBenchmark {

    private static final int LOTS = 30;

    @Param({"0", "100"})
    public int replicaAckMillis;

    private RedisEndpoint redis;
    private RedisOccupancyStore store;
    private String prefix;
    private final AtomicLong sequence = new AtomicLong();

    @Setup(Level.Trial)
    public void setUp() {
        prefix = TestServices.uniquePrefix();
        redis = RedisEndpoint.cluster(
                TestServices.redisClusterSeeds(), Duration.ofSeconds(2), Duration.ofMillis(replicaAckMillis));
        store = new RedisOccupancyStore(redis, prefix, OccupancySettings.DEFAULTS);
        for (int lot = 0; lot < LOTS; lot++) {
            store.registerLot("bench-" + lot, 10_000_000, Instant.now())
                    .toCompletableFuture()
                    .join();
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        TestServices.redis(TestServices.RedisTopology.CLUSTER);
        TestServices.deleteKeys(prefix);
        redis.close();
    }

    @Benchmark
    public Object hold() {
        long n = sequence.incrementAndGet();
        String lot = "bench-" + (n % LOTS);
        Instant now = Instant.now();
        return store.hold(
                        new HoldRequest(HoldIds.newId(lot), lot, "B" + n, "d" + n, now.plus(Duration.ofMinutes(15))),
                        now)
                .toCompletableFuture()
                .join();
    }
}
