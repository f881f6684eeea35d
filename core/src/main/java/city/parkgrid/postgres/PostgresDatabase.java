package city.parkgrid.postgres;

import city.parkgrid.StorageUnavailableException;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.Set;
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
    private final CircuitBreaker breaker;
    private final GuardedDataSource guarded;

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
        // Short, so that a request meeting an outage is answered 503 well within 500 ms; a
        // connection check on borrow must not outlast it (Hikari's default is 5 s).
        long timeout = settings.connectionTimeout().toMillis();
        config.setConnectionTimeout(timeout);
        config.setValidationTimeout(timeout);
        // Fail at start-up, loudly, when the database is unreachable.
        config.setInitializationFailTimeout(10_000);
        // A server that accepts TCP and never answers: opening a connection gives up after the
        // query timeout, and no read on a pooled connection waits longer than the import timeout
        // (migrations and Hikari's own use); requests' connections get the query timeout (below).
        config.addDataSourceProperty("loginTimeout", wholeSeconds(settings.queryTimeout()));
        config.addDataSourceProperty("socketTimeout", wholeSeconds(settings.importTimeout()));
        this.pool = new HikariDataSource(config);
        this.breaker = new CircuitBreaker(settings.breakerOpenFor(), System::nanoTime);
        this.guarded = new GuardedDataSource(
                pool, breaker, (int) settings.queryTimeout().toMillis());
    }

    /**
     * The pool, behind the circuit breaker: while PostgreSQL is known to be out of reach its
     * connections fail at once (SQLTransientConnectionException) rather than after the timeout.
     */
    public DataSource dataSource() {
        return guarded;
    }

    /** Whether the breaker is open: PostgreSQL was found out of reach and is not being tried. */
    public boolean breakerOpen() {
        return breaker.isOpen();
    }

    /** Work on one connection that may fail with an SQLException. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /** A parameter bound as {@code jsonb}. */
    public record Jsonb(String json) {}

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
     * A failure of the database reaches the caller as {@link #failure} of the SQLException.
     *
     * @param doing what the work does, for the message, e.g. {@code "writing the geography"}
     */
    public <T> T inTransaction(Work<T> work, String doing) {
        return inTransaction(work, doing, null);
    }

    /**
     * {@link #inTransaction} for bulk work (archive and data-set imports), whose statements may
     * wait for PostgreSQL up to {@link PostgresSettings#importTimeout()} rather than a request's
     * query timeout.
     */
    public <T> T inImportTransaction(Work<T> work, String doing) {
        return inTransaction(work, doing, settings.importTimeout());
    }

    private <T> T inTransaction(Work<T> work, String doing, Duration networkTimeout) {
        try (Connection c = guarded.getConnection()) {
            if (networkTimeout != null) {
                c.setNetworkTimeout(GuardedDataSource.DIRECT, (int) networkTimeout.toMillis());
            }
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollback(c, e);
                throw e;
            }
        } catch (SQLException e) {
            throw failure(doing, e);
        }
    }

    /**
     * Rolls back after {@code failure}. When the connection is gone the rollback fails too (Hikari
     * has already swapped in a closed connection, whose failures carry no SQLState); the failure
     * that says why stays the one thrown, and the database rolls back on its own.
     */
    private static void rollback(Connection c, Exception failure) {
        try {
            c.rollback();
        } catch (SQLException rollbackFailed) {
            failure.addSuppressed(rollbackFailed);
        }
    }

    /**
     * What an SQLException means to the caller. PostgreSQL out of reach (refused or dropped
     * connections, no pooled connection within the timeout, a server shutting down) or too
     * contended to finish the work is a {@link StorageUnavailableException}: nothing took place and
     * a resend may succeed. Anything else (a syntax error, a violated constraint nobody expected)
     * is an IllegalStateException: a bug, which no resend cures.
     *
     * @param doing what was being done, e.g. {@code "reading the tariff of wanda-plaza"}
     */
    public static RuntimeException failure(String doing, SQLException e) {
        if (unreachable(e)) {
            return new StorageUnavailableException("PostgreSQL", doing + " failed: " + describe(e), e);
        }
        if (contended(e)) {
            return new StorageUnavailableException(
                    "PostgreSQL", doing + " kept meeting concurrent work: " + describe(e), e);
        }
        return new IllegalStateException(doing + " failed: " + describe(e), e);
    }

    /** Serialization failure and deadlock: the transaction was rolled back and may simply run again. */
    private static final Set<String> CONTENDED = Set.of("40001", "40P01");

    /** Whether PostgreSQL aborted the transaction for concurrent work (deadlock, serialization): it may run again. */
    public static boolean contended(SQLException e) {
        return e.getSQLState() != null && CONTENDED.contains(e.getSQLState());
    }

    /**
     * admin_shutdown, crash_shutdown, cannot_connect_now (the server is going down or starting up),
     * too_many_connections.
     */
    private static final Set<String> SERVER_NOT_SERVING = Set.of("57P01", "57P02", "57P03", "53300");

    /** Whether the failure, or one of its causes, says the database could not be reached. */
    static boolean unreachable(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException) {
                return true; // Hikari's pool timeout is the former
            }
            if (t instanceof SQLException sql
                    && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || SERVER_NOT_SERVING.contains(sql.getSQLState()))) {
                return true; // class 08: connection exception
            }
        }
        return false;
    }

    /** The failure for a message: its SQLState and text, with any password in a URL masked. */
    private static String describe(SQLException e) {
        String text = String.valueOf(e.getMessage()).replaceAll("(?i)password=[^&\\s]*", "password=***");
        return e.getSQLState() == null ? text : text + " (SQLState " + e.getSQLState() + ")";
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

    private static String wholeSeconds(Duration timeout) {
        return String.valueOf(Math.max(1, (timeout.toMillis() + 999) / 1000));
    }

    private String searchPath() {
        return "SET search_path TO " + settings.schema() + ", public";
    }

    @Override
    public void close() {
        pool.close();
    }
}
