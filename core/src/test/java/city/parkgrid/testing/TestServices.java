package city.parkgrid.testing;

import city.parkgrid.occupancy.redis.RedisEndpoint;
import city.parkgrid.postgres.PostgresDatabase;
import city.parkgrid.postgres.PostgresSettings;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The real services integration tests run against, named by the environment that
 * {@code ./parkgrid test} sets up. A missing service fails the test loudly: nothing is skipped.
 */
public final class TestServices {

    /** The two kinds of Redis the Redis tests run against, each started by {@code ./parkgrid test}. */
    public enum RedisTopology {
        STANDALONE,
        CLUSTER
    }

    private static final Map<RedisTopology, RedisEndpoint> REDIS = new EnumMap<>(RedisTopology.class);

    private TestServices() {}

    public static String redisUri() {
        return System.getenv().getOrDefault("PARKGRID_TEST_REDIS_URI", "redis://127.0.0.1:6379");
    }

    /** The test Redis Cluster's seed nodes (three masters, three replicas on loopback). */
    public static List<String> redisClusterSeeds() {
        String seeds = System.getenv()
                .getOrDefault(
                        "PARKGRID_TEST_REDIS_CLUSTER",
                        "127.0.0.1:7001,127.0.0.1:7002,127.0.0.1:7003,127.0.0.1:7004,127.0.0.1:7005,127.0.0.1:7006");
        return Arrays.stream(seeds.split(",")).map(String::strip).toList();
    }

    public static String postgresUrl() {
        return System.getenv()
                .getOrDefault(
                        "PARKGRID_TEST_PG_URL",
                        "jdbc:postgresql://127.0.0.1:5432/parkgrid_test?user=parkgrid&password=parkgrid");
    }

    /** The standalone Redis: one shared connection per test JVM. */
    public static RedisEndpoint redis() {
        return redis(RedisTopology.STANDALONE);
    }

    /**
     * One shared connection per kind and test JVM; fails with where it looked in the message when
     * that Redis is down (never a skip).
     */
    public static synchronized RedisEndpoint redis(RedisTopology topology) {
        RedisEndpoint endpoint = REDIS.get(topology);
        if (endpoint == null) {
            Duration timeout = Duration.ofSeconds(5);
            try {
                endpoint = topology == RedisTopology.CLUSTER
                        ? RedisEndpoint.cluster(redisClusterSeeds(), timeout, Duration.ofMillis(100))
                        : RedisEndpoint.standalone(redisUri(), timeout);
            } catch (RuntimeException e) {
                String where = topology == RedisTopology.CLUSTER
                        ? "a Redis Cluster at " + String.join(",", redisClusterSeeds())
                        : "Redis at " + redisUri();
                throw new IllegalStateException(
                        "integration tests need " + where + " (./parkgrid test starts it): " + e.getMessage(), e);
            }
            REDIS.put(topology, endpoint);
        }
        return endpoint;
    }

    /**
     * Removes every key under {@code prefix} from each Redis this JVM opened (SCAN, never KEYS or
     * FLUSHDB on a shared Redis; on the Cluster the scan visits every master).
     */
    public static synchronized void deleteKeys(String prefix) {
        if (REDIS.isEmpty()) {
            redis();
        }
        for (RedisEndpoint endpoint : REDIS.values()) {
            var sync = endpoint.sync();
            ScanCursor cursor = ScanCursor.INITIAL;
            do {
                KeyScanCursor<String> page = sync.scan(
                        cursor, ScanArgs.Builder.matches(prefix + ":*").limit(1000));
                if (!page.getKeys().isEmpty()) {
                    sync.unlink(page.getKeys().toArray(String[]::new));
                }
                cursor = page;
            } while (!cursor.isFinished());
        }
    }

    /**
     * Removes every key under {@code prefix} in one atomic step, as a {@code FLUSHALL} or a restart
     * without persistence loses them, but only this prefix's (a script that scans and unlinks; the
     * shared Redis is never flushed). Unlike {@link #deleteKeys}, no command sees some keys gone and
     * others still there. Returns how many were removed.
     */
    public static long loseKeys(String prefix) {
        String script = "local cursor, n = '0', 0\n"
                + "repeat\n"
                + "  local page = redis.call('SCAN', cursor, 'MATCH', ARGV[1], 'COUNT', 1000)\n"
                + "  cursor = page[1]\n"
                + "  if #page[2] > 0 then n = n + redis.call('UNLINK', unpack(page[2])) end\n"
                + "until cursor == '0'\n"
                + "return n";
        return redis().sync().eval(script, io.lettuce.core.ScriptOutputType.INTEGER, new String[0], prefix + ":*");
    }

    /** Settings for a schema of the test database; each test class takes a schema of its own. */
    public static PostgresSettings postgres(String schema) {
        return new PostgresSettings(postgresUrl(), null, null, schema, 4);
    }

    /** A PostgreSQL schema name no other test run uses. */
    public static String uniqueSchema() {
        return "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    /** Opens the database and migrates a fresh schema; fails with the URL when PostgreSQL is down. */
    public static PostgresDatabase migratedDatabase(String schema) {
        PostgresDatabase database;
        try {
            database = new PostgresDatabase(postgres(schema));
        } catch (RuntimeException e) {
            throw new IllegalStateException(
                    "integration tests need PostgreSQL with PostGIS at " + postgresUrl()
                            + " (./parkgrid test sets it up): " + e.getMessage(),
                    e);
        }
        database.migrate();
        return database;
    }

    /** Drops a test schema and everything in it. */
    public static void dropSchema(PostgresDatabase database) {
        try (Connection c = database.dataSource().getConnection();
                Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + database.schema() + " CASCADE");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A key prefix no other test run uses, so runs never see each other's keys. */
    public static String uniquePrefix() {
        return "pgtest:" + UUID.randomUUID().toString().substring(0, 8);
    }
}
