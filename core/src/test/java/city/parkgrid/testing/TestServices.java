package city.parkgrid.testing;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.UUID;

/**
 * The real services integration tests run against, named by the environment that
 * {@code ./parkgrid test} sets up. A missing service fails the test loudly: nothing is skipped.
 */
public final class TestServices {

    private static RedisClient redisClient;
    private static StatefulRedisConnection<String, String> redis;

    private TestServices() {
    }

    public static String redisUri() {
        return System.getenv().getOrDefault("PARKGRID_TEST_REDIS_URI", "redis://127.0.0.1:6379");
    }

    public static String postgresUrl() {
        return System.getenv().getOrDefault("PARKGRID_TEST_PG_URL",
                "jdbc:postgresql://127.0.0.1:5432/parkgrid_test?user=parkgrid&password=parkgrid");
    }

    /** One shared connection per test JVM; fails with the URI in the message when Redis is down. */
    public static synchronized StatefulRedisConnection<String, String> redis() {
        if (redis == null) {
            RedisURI uri = RedisURI.create(redisUri());
            uri.setTimeout(Duration.ofSeconds(5));
            redisClient = RedisClient.create(uri);
            try {
                redis = redisClient.connect();
            } catch (RuntimeException e) {
                throw new IllegalStateException("integration tests need Redis at " + redisUri()
                        + " (./parkgrid test starts it): " + e.getMessage(), e);
            }
        }
        return redis;
    }

    /** Removes every key under {@code prefix} (SCAN, never KEYS or FLUSHDB on a shared Redis). */
    public static void deleteKeys(String prefix) {
        var sync = redis().sync();
        ScanCursor cursor = ScanCursor.INITIAL;
        do {
            KeyScanCursor<String> page = sync.scan(cursor, ScanArgs.Builder.matches(prefix + ":*").limit(1000));
            if (!page.getKeys().isEmpty()) {
                sync.unlink(page.getKeys().toArray(String[]::new));
            }
            cursor = page;
        } while (!cursor.isFinished());
    }

    /** A key prefix no other test run uses, so runs never see each other's keys. */
    public static String uniquePrefix() {
        return "pgtest:" + UUID.randomUUID().toString().substring(0, 8);
    }
}
