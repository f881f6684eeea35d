package city.parkgrid.api.wiring;

import city.parkgrid.access.ApiKeys;
import city.parkgrid.access.Authenticator;
import city.parkgrid.access.Principal;
import city.parkgrid.accounts.postgres.PostgresAccountBook;
import city.parkgrid.accounts.postgres.PostgresPayerMemory;
import city.parkgrid.api.Node;
import city.parkgrid.api.NodeServer;
import city.parkgrid.api.config.ParkGridConfig;
import city.parkgrid.api.ops.HealthCheck;
import city.parkgrid.api.ops.PeriodicVerticle;
import city.parkgrid.api.standards.LiveState;
import city.parkgrid.api.standards.ngsild.NgsiLdPush;
import city.parkgrid.app.Settings;
import city.parkgrid.app.Stores;
import city.parkgrid.app.UseCases;
import city.parkgrid.catalog.postgis.GeographyChangeListener;
import city.parkgrid.catalog.postgis.PostgisGeographyStore;
import city.parkgrid.history.postgres.PostgresOccupancyHistoryStore;
import city.parkgrid.occupancy.JournaledOccupancyStore;
import city.parkgrid.occupancy.OccupancySettings;
import city.parkgrid.occupancy.OccupancyStore;
import city.parkgrid.occupancy.postgres.PostgresLiveJournal;
import city.parkgrid.occupancy.redis.RedisEndpoint;
import city.parkgrid.occupancy.redis.RedisOccupancyStore;
import city.parkgrid.postgres.PostgresDatabase;
import city.parkgrid.pricing.postgres.PostgresPricingStore;
import city.parkgrid.regions.postgis.PostgisResidentRegistry;
import city.parkgrid.reservations.memory.InMemoryBookingStore;
import city.parkgrid.tariffs.postgres.PostgresTariffStore;
import city.parkgrid.zones.control.postgres.PostgresZoneControlStore;
import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code serve} node: against the real services named in the configuration. Migrates the
 * PostGIS schema, loads the geometry into this node's index and listens for changes made on any
 * node. Dev tokens are never accepted here.
 */
public final class ServeWiring {

    private static final Logger LOG = LoggerFactory.getLogger(ServeWiring.class);

    private ServeWiring() {}

    /**
     * Starts the configured push to an NGSI-LD context broker on its own verticle of the running
     * node: it reads occupancy as any reader does, so ingestion never waits on the broker.
     */
    public static void pushToContextBroker(NodeServer.Running running, ParkGridConfig.NgsiLd settings) {
        UseCases u = running.node().useCases();
        NgsiLdPush push = new NgsiLdPush(
                new LiveState(u.geography(), u.occupancy()),
                new NgsiLdPush.Settings(
                        URI.create(settings.brokerUrl()),
                        settings.period(),
                        settings.batchSize(),
                        settings.maxBackoff()),
                u.clock());
        running.vertx()
                .deployVerticle(
                        new PeriodicVerticle("NGSI-LD push", settings.period().toMillis(), push::run))
                .toCompletionStage()
                .toCompletableFuture()
                .join();
    }

    public static Node node(ParkGridConfig config, Clock clock) {
        List<AutoCloseable> opened = new ArrayList<>();
        try {
            PostgresDatabase database = new PostgresDatabase(config.postgres().toSettings());
            opened.add(database);
            int migrations = database.migrate();
            if (migrations > 0) {
                LOG.info("applied {} schema migration(s) to {}", migrations, database.schema());
            }
            RedisEndpoint redis = redisEndpoint(config.redis());
            opened.add(redis);
            OccupancySettings occupancy = config.occupancy().toSettings();
            OccupancyStore redisStore =
                    new RedisOccupancyStore(redis, config.redis().keyPrefix(), occupancy);
            // every change to live state is journalled in PostgreSQL, from which a Redis that lost
            // its data is restored (docs/DECISIONS.md, "Live state survives losing Redis")
            ExecutorService journalWrites = BlockingReads.pool("parkgrid-live-journal");
            opened.add(journalWrites::shutdownNow);
            OccupancyStore store =
                    new JournaledOccupancyStore(redisStore, new PostgresLiveJournal(database), journalWrites);
            Stores stores = new Stores(
                    new PostgisGeographyStore(database),
                    new PostgisResidentRegistry(database),
                    store,
                    new PostgresAccountBook(database),
                    new PostgresTariffStore(database),
                    new PostgresPayerMemory(database),
                    new PostgresZoneControlStore(database),
                    new PostgresOccupancyHistoryStore(database),
                    new PostgresPricingStore(database),
                    // per node until a shared adapter lands: no HTTP endpoint books, so nothing is booked in serve
                    new InMemoryBookingStore());
            ExecutorService payments = Payments.pool();
            opened.add(payments::shutdownNow);
            Settings settings = new Settings(
                    occupancy,
                    config.allocation().weights(),
                    config.allocation().settings(),
                    config.accounts().commissionBasisPoints(),
                    config.accounts().paymentRetry(),
                    config.accounts().gateway(),
                    config.history().toSettings(),
                    Settings.RECENT_OCCUPANCY_MAX_AGE);
            ExecutorService accountReads = BlockingReads.pool("parkgrid-account-reads");
            opened.add(accountReads::shutdownNow);
            ExecutorService forecastReads = BlockingReads.pool("parkgrid-forecasts");
            opened.add(forecastReads::shutdownNow);
            UseCases useCases = UseCases.wire(stores, settings, clock, payments, accountReads, forecastReads);

            ExecutorService probes = Executors.newCachedThreadPool(runnable -> {
                Thread thread = new Thread(runnable, "parkgrid-health-probe");
                thread.setDaemon(true);
                return thread;
            });
            opened.add(probes::shutdownNow);
            opened.add(new GeographyChangeListener(database, useCases.catalog()::reload).start());
            if (useCases.geography().listLots().isEmpty()) {
                LOG.warn(
                        "PostGIS schema {} holds no lots yet: load a data set with ./parkgrid import FILE.geojson",
                        database.schema());
            }
            List<HealthCheck> health = List.of(
                    new HealthCheck("redis", store::ping),
                    HealthCheck.liveState(useCases.occupancy()::registrationsIntact),
                    new HealthCheck("postgres", () -> CompletableFuture.runAsync(() -> ping(database), probes)));
            return new Node(
                    "serve",
                    useCases,
                    apiKeys(config),
                    health,
                    Node.newestFirst(opened),
                    config.http().consoleTileUrl());
        } catch (RuntimeException e) {
            Node.newestFirst(opened).forEach(Node::closeQuietly);
            throw e;
        }
    }

    /** The Redis Cluster when seed nodes are configured, else the standalone Redis. */
    private static RedisEndpoint redisEndpoint(ParkGridConfig.Redis redis) {
        return redis.clustered()
                ? RedisEndpoint.cluster(redis.cluster(), redis.timeout(), redis.replicaAck())
                : RedisEndpoint.standalone(redis.uri(), redis.timeout());
    }

    private static Authenticator apiKeys(ParkGridConfig config) {
        Map<String, Principal> keys = config.credentials().stream()
                .collect(Collectors.toMap(
                        c -> c.sha256().toLowerCase(Locale.ROOT), c -> new Principal(c.role(), c.id())));
        if (keys.isEmpty()) {
            LOG.warn("no credentials configured: every write will be refused (see deploy/config-example.yaml)");
        }
        return new ApiKeys(keys);
    }

    private static void ping(PostgresDatabase database) {
        try (Connection c = database.dataSource().getConnection()) {
            if (!c.isValid(1)) {
                throw new IllegalStateException("connection not valid");
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
