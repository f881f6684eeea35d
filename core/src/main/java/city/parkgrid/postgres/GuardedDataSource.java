package city.parkgrid.postgres;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.Executor;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The pool behind the {@link CircuitBreaker}: while the breaker is open, {@link #getConnection()}
 * fails at once with an SQLTransientConnectionException (which {@link PostgresDatabase#failure}
 * maps to a StorageUnavailableException, like any unreachable database), and a connection
 * request that finds PostgreSQL out of reach opens it. Every adapter takes its connections here,
 * so every one of them fails fast the same way. Each connection handed out waits at most
 * {@code queryTimeout} for any answer of PostgreSQL (its network timeout, which the pool sets back
 * when the connection returns), so a server that accepts connections and then never answers
 * fails the request with a class-08 failure (503) instead of holding it until TCP gives up.
 * Thread-safe.
 */
final class GuardedDataSource implements DataSource {

    /** pgjdbc applies a network timeout to its socket at once and never calls the executor. */
    static final Executor DIRECT = Runnable::run;

    private final DataSource pool;
    private final CircuitBreaker breaker;
    private final int queryTimeoutMillis;

    GuardedDataSource(DataSource pool, CircuitBreaker breaker, int queryTimeoutMillis) {
        this.pool = pool;
        this.breaker = breaker;
        this.queryTimeoutMillis = queryTimeoutMillis;
    }

    @Override
    public Connection getConnection() throws SQLException {
        CircuitBreaker.Admission admission = breaker.admit();
        if (admission == CircuitBreaker.Admission.REFUSED) {
            throw new SQLTransientConnectionException(
                    "PostgreSQL was out of reach moments ago; not trying again yet", "08001");
        }
        try {
            Connection connection = pool.getConnection();
            breaker.succeeded(admission);
            try {
                connection.setNetworkTimeout(DIRECT, queryTimeoutMillis);
            } catch (SQLException | RuntimeException e) {
                connection.close();
                throw e;
            }
            return connection;
        } catch (SQLException e) {
            if (outage(e)) {
                breaker.failed(admission);
            } else {
                breaker.released(admission);
            }
            throw e;
        } catch (RuntimeException e) {
            breaker.released(admission);
            throw e;
        }
    }

    /**
     * Whether a failed connection request means PostgreSQL is out of reach. Hikari's timeout
     * carries the last failure to open a connection as its cause; without one the pool was merely
     * busy (every connection in use), which is load, not an outage, and must not open the breaker.
     */
    private static boolean outage(SQLException e) {
        if (e instanceof SQLTransientConnectionException && e.getCause() == null) {
            return false;
        }
        return PostgresDatabase.unreachable(e);
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("the pool's connections all use the configured user");
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return pool.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        pool.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        pool.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return pool.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return pool.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        return type.isInstance(this) ? type.cast(this) : pool.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return type.isInstance(this) || pool.isWrapperFor(type);
    }
}
