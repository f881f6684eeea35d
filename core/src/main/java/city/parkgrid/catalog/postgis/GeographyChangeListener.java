package city.parkgrid.catalog.postgis;

import city.parkgrid.StorageUnavailableException;
import city.parkgrid.postgres.PostgresDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens on the geography channel and calls back once per burst of changes, so that every node
 * reloads its index within a second of a change committed on any node. Runs on its own daemon
 * thread holding one dedicated connection; reconnects (and reloads, since changes may have been
 * missed meanwhile) when the connection drops.
 */
public final class GeographyChangeListener implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GeographyChangeListener.class);
    private static final int POLL_MILLIS = 250;

    private final PostgresDatabase database;
    private final Runnable onChange;
    private final Thread thread;
    private volatile boolean running = true;

    public GeographyChangeListener(PostgresDatabase database, Runnable onChange) {
        this.database = database;
        this.onChange = onChange;
        this.thread = new Thread(this::run, "parkgrid-geography-listener");
        this.thread.setDaemon(true);
    }

    public GeographyChangeListener start() {
        thread.start();
        return this;
    }

    private void run() {
        boolean reconnecting = false;
        while (running) {
            try (Connection connection = database.openDedicatedConnection()) {
                try (Statement s = connection.createStatement()) {
                    s.execute("LISTEN " + database.channel(PostgisGeographyStore.TOPIC));
                }
                if (reconnecting) {
                    reload();
                    reconnecting = false;
                }
                PGConnection pg = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(POLL_MILLIS);
                    if (notifications != null && notifications.length > 0) {
                        LOG.debug("geography changed ({}), reloading", notifications[0].getParameter());
                        reload();
                    }
                }
            } catch (SQLException e) {
                if (!running) {
                    return;
                }
                // once per outage at WARN, not once a second for as long as PostgreSQL is away
                if (!reconnecting) {
                    LOG.warn("geography listener lost its connection ({}); reconnecting", e.getMessage());
                } else {
                    LOG.debug("geography listener still cannot connect ({})", e.getMessage());
                }
                reconnecting = true;
                sleepQuietly(1_000);
            }
        }
    }

    private void reload() {
        try {
            onChange.run();
        } catch (StorageUnavailableException e) {
            // an outage, not a bug: the next reconnect reloads again
            LOG.warn("could not reload the geography ({}); this node keeps its previous index", e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("reloading the geography failed; this node keeps its previous index", e);
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
