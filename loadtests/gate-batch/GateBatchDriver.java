import city.parkgrid.occupancy.GateEvent;
import city.parkgrid.occupancy.GateEventType;
import city.parkgrid.occupancy.OccupancySettings;
import city.parkgrid.occupancy.OccupancyStore;
import city.parkgrid.occupancy.redis.RedisEndpoint;
import city.parkgrid.occupancy.redis.RedisOccupancyStore;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * What one call of 100 gate events costs the Redis store as a lot's day of ids grows (issue 17),
 * without HTTP: BATCHES batches of 50 cars in and out, fresh ids and plates each, one after the
 * other, spread over LOTS lots, through RedisOccupancyStore and the script on the class path
 * (put a directory holding another occupancy.lua first to compare scripts side by side). Prints
 * p50/p99 per fifth of the run and what the lots' daily sets of ids take in Redis (MEMORY USAGE);
 * deletes its keys. Run by loadtests/gate-batch-bench.sh.
 */
public class GateBatchDriver {

    public static void main(String[] args) {
        int batches = Integer.parseInt(args[0]);
        int lots = Integer.parseInt(args[1]);
        String uri = args.length > 2 ? args[2] : "redis://127.0.0.1:6379";
        String prefix = "gate-batch-" + ProcessHandle.current().pid();
        RedisEndpoint redis = RedisEndpoint.standalone(uri, Duration.ofSeconds(10));
        var sync = redis.sync();
        try {
            OccupancyStore store = new RedisOccupancyStore(redis, prefix, OccupancySettings.DEFAULTS);
            for (int l = 0; l < lots; l++) {
                store.registerLot("lot-" + l, 1_000_000, Instant.now()).toCompletableFuture().join();
            }
            long[] nanos = new long[batches];
            int fifth = Math.max(1, batches / 5);
            for (int b = 0; b < batches; b++) {
                Instant at = Instant.now();
                List<GateEvent> events = new ArrayList<>(100);
                for (int i = 0; i < 50; i++) {
                    String plate = "沪B" + (b * 50 + i);
                    events.add(new GateEvent("g" + b + "-" + i + "-in", GateEventType.ENTRY, plate, at, null));
                    events.add(new GateEvent("g" + b + "-" + i + "-out", GateEventType.EXIT, plate, at, null));
                }
                long started = System.nanoTime();
                store.applyGateEvents("lot-" + (b % lots), events, Instant.now()).toCompletableFuture().join();
                nanos[b] = System.nanoTime() - started;
                if ((b + 1) % fifth == 0) {
                    long[] part = Arrays.copyOfRange(nanos, b + 1 - fifth, b + 1);
                    Arrays.sort(part);
                    System.out.printf(
                            "events %,9d–%,9d: p50 %6.2f ms  p99 %6.2f ms%n",
                            (long) (b + 1 - fifth) * 100,
                            (long) (b + 1) * 100,
                            part[part.length / 2] / 1e6,
                            part[(int) (part.length * 0.99)] / 1e6);
                }
            }
            long[] bytes = {0};
            forEachPage(sync, prefix + ":lot:*:seen:*", keys -> keys.forEach(key -> bytes[0] += sync.memoryUsage(key)));
            System.out.printf("daily sets of ids: %,d bytes for %,d events, %.1f bytes an event%n",
                    bytes[0], (long) batches * 100, bytes[0] / (batches * 100.0));
        } finally {
            forEachPage(sync, prefix + ":*", keys -> {
                if (!keys.isEmpty()) {
                    sync.unlink(keys.toArray(String[]::new));
                }
            });
            System.exit(0);
        }
    }

    /** Every key matching {@code pattern}, a SCAN page at a time. */
    private static void forEachPage(
            RedisClusterCommands<String, String> sync, String pattern, Consumer<List<String>> page) {
        ScanCursor cursor = ScanCursor.INITIAL;
        do {
            KeyScanCursor<String> keys = sync.scan(cursor, ScanArgs.Builder.matches(pattern).limit(1_000));
            page.accept(keys.getKeys());
            cursor = keys;
        } while (!cursor.isFinished());
    }
}
