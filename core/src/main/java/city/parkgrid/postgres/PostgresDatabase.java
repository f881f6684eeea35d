package city.parkgrid.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.Properties;
import java.util.function.Function;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * ParkGrid's PostgreSQL database: a connection pool whose connections see ParkGrid's schema first
 * and PostGIS's {@code public} after it, the Flyway migrations, and dedicated connections for
 * LISTEN. Every method blocks: call from workers, never from an event loop. Thread-safe.
 */
public final class PostgresDatabase implements AutoCloseable {

    private final PostgresSettings settings;
    private final HikariDataSource pool;

    public PostgresDatabase(PostgresSettings settings) {
        this.settings = settings;
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(settings.jdbcUrl());
        if (settings.user() != null) {
            config.setUsername(settings.user());
        }
        if (settings.password() != null) {
            config.setPassword(settings.password());
        }
        config.setMaximumPoolSize(settings.poolSize());
        config.setPoolName("parkgrid-pg");
        config.setConnectionInitSql(searchPath());
        config.setConnectionTimeout(5_000);
        // Fail at start-up, loudly, when the database is unreachable.
        config.setInitializationFailTimeout(10_000);
        this.pool = new HikariDataSource(config);
    }

    public DataSource dataSource() {
        return pool;
    }

    /** Work on one connection that may fail with an SQLException. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /** A parameter bound as {@code jsonb}. */
    public record Jsonb(String json) {
    }

    /**
     * Prepares a statement with its parameters bound in order: an Instant as a timestamp, a
     * {@link Jsonb} as jsonb, anything else as JDBC binds it.
     */
    public static PreparedStatement prepare(Connection c, String sql, Object... parameters) throws SQLException {
        PreparedStatement s = c.prepareStatement(sql);
        for (int i = 0; i < parameters.length; i++) {
            Object p = parameters[i];
            if (p instanceof Instant instant) {
                s.setTimestamp(i + 1, Timestamp.from(instant));
            } else if (p instanceof Jsonb jsonb) {
                s.setObject(i + 1, jsonb.json(), Types.OTHER);
            } else {
                s.setObject(i + 1, p);
            }
        }
        return s;
    }

    /** Runs one statement with {@link #prepare}'s binding; the number of rows it changed. */
    public static int update(Connection c, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement s = prepare(c, sql, parameters)) {
            return s.executeUpdate();
        }
    }

    /**
     * Runs the work in one transaction: committed when it returns, rolled back when it throws.
     * A failure of the database reaches the caller as {@code onFailure} of the SQLException, so
     * each store names its own storage failure.
     */
    public <T> T inTransaction(Work<T> work, Function<SQLException, ? extends RuntimeException> onFailure) {
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw onFailure.apply(e);
        }
    }

    public String schema() {
        return settings.schema();
    }

    /** Brings the schema up to date (creating it when missing); returns how many migrations ran. */
    public int migrate() {
        MigrateResult result = Flyway.configure()
                .dataSource(pool)
                .schemas(settings.schema())
                .defaultSchema(settings.schema())
                .createSchemas(true)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        return result.migrationsExecuted;
    }

    /** A connection outside the pool, for a listener that holds it for as long as it runs. */
    public Connection openDedicatedConnection() throws SQLException {
        Properties props = new Properties();
        if (settings.user() != null) {
            props.setProperty("user", settings.user());
        }
        if (settings.password() != null) {
            props.setProperty("password", settings.password());
        }
        Connection connection = DriverManager.getConnection(settings.jdbcUrl(), props);
        try (PreparedStatement statement = connection.prepareStatement(searchPath())) {
            statement.execute();
        }
        return connection;
    }

    /** The NOTIFY channel for a topic, per schema so that deployments sharing a database do not meet. */
    public String channel(String topic) {
        return "parkgrid_" + settings.schema() + "_" + topic;
    }

    private String searchPath() {
        return "SET search_path TO " + settings.schema() + ", public";
    }

    @Override
    public void close() {
        pool.close();
    }
}
