package city.parkgrid.postgres;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where ParkGrid's PostgreSQL/PostGIS lives.
 *
 * @param jdbcUrl e.g. {@code jdbc:postgresql://127.0.0.1:5432/parkgrid}
 * @param user may be null when the URL carries it
 * @param password may be null when the URL carries it or the server trusts the client; comes from
 *     the environment, never from a file in the repository
 * @param schema ParkGrid's tables live here (PostGIS stays in {@code public}); lets test runs and
 *     deployments share a database without meeting
 * @param connectionTimeout the longest a request waits for a pooled connection before it fails
 *     with 503; at least 250 ms (Hikari's floor: below it Hikari silently uses 30 s)
 * @param breakerOpenFor after PostgreSQL was found out of reach, how long requests fail at once
 *     without trying it; then one request probes it again
 * @param queryTimeout the longest a request's statement may wait for PostgreSQL's answer (the
 *     socket read timeout of its connection) before it fails with 503: a server that accepts the
 *     connection and then never answers does not hold the request until TCP gives up
 * @param importTimeout the same, for bulk work that is legitimately long (archive and data-set
 *     imports): longer, and separate so that it does not lengthen every request's
 */
public record PostgresSettings(
        String jdbcUrl,
        String user,
        String password,
        String schema,
        int poolSize,
        Duration connectionTimeout,
        Duration breakerOpenFor,
        Duration queryTimeout,
        Duration importTimeout) {

    /** Short enough that a request meeting an outage is answered well within 500 ms. */
    public static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofMillis(250);

    public static final Duration DEFAULT_BREAKER_OPEN_FOR = Duration.ofSeconds(2);

    /** Far above any request's query here (tens of ms), well below TCP's minutes. */
    public static final Duration DEFAULT_QUERY_TIMEOUT = Duration.ofSeconds(2);

    /** A year of a city's archive is imported in well under a minute (docs/PERFORMANCE.md). */
    public static final Duration DEFAULT_IMPORT_TIMEOUT = Duration.ofMinutes(5);

    private static final Duration HIKARI_FLOOR = Duration.ofMillis(250);

    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    public PostgresSettings {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(schema, "schema");
        if (!IDENTIFIER.matcher(schema).matches()) {
            throw new IllegalArgumentException("schema must be a lower-case SQL identifier, was " + schema);
        }
        if (poolSize < 1) {
            throw new IllegalArgumentException("poolSize must be at least 1");
        }
        connectionTimeout = connectionTimeout == null ? DEFAULT_CONNECTION_TIMEOUT : connectionTimeout;
        breakerOpenFor = breakerOpenFor == null ? DEFAULT_BREAKER_OPEN_FOR : breakerOpenFor;
        queryTimeout = queryTimeout == null ? DEFAULT_QUERY_TIMEOUT : queryTimeout;
        importTimeout = importTimeout == null ? DEFAULT_IMPORT_TIMEOUT : importTimeout;
        if (queryTimeout.toMillis() < 1 || importTimeout.toMillis() < 1) {
            throw new IllegalArgumentException("queryTimeout and importTimeout must be at least 1 ms");
        }
        if (queryTimeout.toMillis() > Integer.MAX_VALUE || importTimeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("queryTimeout and importTimeout must be under 24 days");
        }
        if (connectionTimeout.compareTo(HIKARI_FLOOR) < 0) {
            throw new IllegalArgumentException("connectionTimeout must be at least 250 ms");
        }
        if (breakerOpenFor.isNegative()) {
            throw new IllegalArgumentException("breakerOpenFor must not be negative");
        }
    }

    /** With the default timeouts and breaker interval. */
    public PostgresSettings(String jdbcUrl, String user, String password, String schema, int poolSize) {
        this(jdbcUrl, user, password, schema, poolSize, null, null, null, null);
    }

    @Override
    public String toString() {
        return "PostgresSettings[" + jdbcUrl.replaceAll("password=[^&]*", "password=***") + ", schema=" + schema + "]";
    }
}
