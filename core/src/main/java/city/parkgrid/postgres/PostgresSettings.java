package city.parkgrid.postgres;

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
 */
public record PostgresSettings(String jdbcUrl, String user, String password, String schema, int poolSize) {

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
    }

    @Override
    public String toString() {
        return "PostgresSettings[" + jdbcUrl.replaceAll("password=[^&]*", "password=***") + ", schema=" + schema + "]";
    }
}
