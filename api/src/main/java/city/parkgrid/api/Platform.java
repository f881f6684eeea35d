package city.parkgrid.api;

import city.parkgrid.access.ApiKeys;
import city.parkgrid.access.Authenticator;
import city.parkgrid.access.DevTokens;
import city.parkgrid.access.Principal;
import city.parkgrid.accounts.AccountBook;
import city.parkgrid.accounts.AccountService;
import city.parkgrid.accounts.SettlementService;
import city.parkgrid.accounts.memory.InMemoryAccountBook;
import city.parkgrid.accounts.postgres.PostgresAccountBook;
import city.parkgrid.accounts.postgres.PostgresPayerMemory;
import city.parkgrid.accounts.simulated.InMemoryPayerMemory;
import city.parkgrid.accounts.simulated.SimulatedPaymentGateway;
import city.parkgrid.allocation.AllocationService;
import city.parkgrid.allocation.Guidance;
import city.parkgrid.api.config.ParkGridConfig;
import city.parkgrid.api.ops.HealthCheck;
import city.parkgrid.api.zones.ZoneControls;
import city.parkgrid.catalog.Geography;
import city.parkgrid.catalog.GeographyStore;
import city.parkgrid.catalog.memory.InMemoryGeographyStore;
import city.parkgrid.catalog.postgis.GeographyChangeListener;
import city.parkgrid.catalog.postgis.PostgisGeographyStore;
import city.parkgrid.dataset.DataSet;
import city.parkgrid.lots.Lot;
import city.parkgrid.occupancy.OccupancyService;
import city.parkgrid.occupancy.OccupancySettings;
import city.parkgrid.occupancy.OccupancyStore;
import city.parkgrid.occupancy.memory.InMemoryOccupancyStore;
import city.parkgrid.occupancy.redis.RedisOccupancyStore;
import city.parkgrid.postgres.PostgresDatabase;
import city.parkgrid.regions.ResidentRegistry;
import city.parkgrid.regions.memory.InMemoryResidentRegistry;
import city.parkgrid.regions.postgis.PostgisResidentRegistry;
import city.parkgrid.tariffs.TariffStore;
import city.parkgrid.zones.control.ManagedSurcharge;
import city.parkgrid.zones.control.ZoneControlService;
import city.parkgrid.zones.control.ZoneControlStore;
import city.parkgrid.zones.control.memory.InMemoryZoneControlStore;
import city.parkgrid.zones.control.postgres.PostgresZoneControlStore;
import city.parkgrid.tariffs.memory.InMemoryTariffStore;
import city.parkgrid.tariffs.postgres.PostgresTariffStore;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The platform's services wired for one mode: {@link #embedded} for {@code dev} and tests
 * (in-memory stores, dev tokens), {@link #connect} for {@code serve} (Redis, PostgreSQL/PostGIS,
 * API keys). The HTTP layer sees only this, never which mode it runs in. Thread-safe once built.
 */
public final class Platform implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Platform.class);

    private final String mode;
    private final Geography geography;
    private final GeographyStore geographyStore;
    private final ResidentRegistry residents;
    private final OccupancyService occupancy;
    private final AllocationService allocations;
    private final ZoneControls controls;
    private final AccountService accounts;
    private final SettlementService settlement;
    private final TariffStore tariffs;
    private final AccountBook accountBook;
    private final Authenticator authenticator;
    private final Clock clock;
    private final List<HealthCheck> healthChecks = new ArrayList<>();
    private final PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final List<AutoCloseable> resources = new ArrayList<>();

    /** The stores that differ between dev and serve. */
    private record Stores(GeographyStore geography, ResidentRegistry residents, OccupancyStore occupancy,
            AccountBook accounts, TariffStore tariffs, SimulatedPaymentGateway.PayerMemory payer,
            ZoneControlStore controls) {
    }

    private Platform(String mode, Stores stores, OccupancySettings settings, ParkGridConfig.Allocation allocation,
            ParkGridConfig.Accounts accountSettings, Authenticator authenticator, Clock clock) {
        GeographyStore geographyStore = stores.geography();
        ResidentRegistry residents = stores.residents();
        OccupancyStore store = stores.occupancy();
        this.mode = mode;
        this.geographyStore = geographyStore;
        this.geography = new Geography(geographyStore.load());
        this.residents = residents;
        this.occupancy = new OccupancyService(store, settings);
        ZoneControlService controlService = new ZoneControlService(stores.controls(), geography, geography);
        this.controls = new ZoneControls(controlService, geography, store, clock);
        this.allocations = new AllocationService(new Guidance(geography, store, allocation.weights(), controls::current),
                geography, store, allocation.settings());
        this.tariffs = stores.tariffs();
        this.accountBook = stores.accounts();
        this.accounts = new AccountService(stores.accounts());
        this.settlement = new SettlementService(stores.accounts(), tariffs, this::isResidentOf,
                new SimulatedPaymentGateway(accountSettings.gateway(), stores.payer()),
                accountSettings.commissionBasisPoints(), accountSettings.paymentRetry(),
                lot -> {
                    List<ZoneControlStore.ModeRecord> history = lot.zoneId() == null
                            ? List.of() : stores.controls().listModes(lot.zoneId());
                    return (from, to) -> ManagedSurcharge.fen(history, from, to);
                });
        this.authenticator = authenticator;
        this.clock = clock;
    }

    /** Everything in this JVM: no Redis, no PostgreSQL, the documented dev tokens. */
    public static Platform embedded(DataSet dataSet, Clock clock) {
        OccupancyStore store = new InMemoryOccupancyStore(OccupancySettings.DEFAULTS);
        Stores stores = new Stores(new InMemoryGeographyStore(dataSet), new InMemoryResidentRegistry(), store,
                new InMemoryAccountBook(), new InMemoryTariffStore(), new InMemoryPayerMemory(), new InMemoryZoneControlStore());
        Platform platform = new Platform("dev", stores, OccupancySettings.DEFAULTS, ParkGridConfig.Allocation.defaults(),
                ParkGridConfig.Accounts.defaults(), new DevTokens(), clock);
        platform.healthChecks.add(new HealthCheck("occupancyStore", store::ping));
        return platform;
    }

    /**
     * Against the real services named in the configuration: migrates the PostGIS schema, loads the
     * geometry into this node's index and listens for changes made on any node. Dev tokens are
     * never accepted here.
     */
    public static Platform connect(ParkGridConfig config, Clock clock) {
        List<AutoCloseable> opened = new ArrayList<>();
        try {
            PostgresDatabase database = new PostgresDatabase(config.postgres().toSettings());
            opened.add(database);
            int migrations = database.migrate();
            if (migrations > 0) {
                LOG.info("applied {} schema migration(s) to {}", migrations, database.schema());
            }
            RedisClient client = redisClient(config.redis());
            opened.add(client::shutdown);
            StatefulRedisConnection<String, String> connection = client.connect();
            opened.add(connection);
            OccupancySettings settings = config.occupancy().toSettings();
            OccupancyStore store = new RedisOccupancyStore(connection, config.redis().keyPrefix(), settings);

            Stores stores = new Stores(new PostgisGeographyStore(database), new PostgisResidentRegistry(database), store,
                    new PostgresAccountBook(database), new PostgresTariffStore(database), new PostgresPayerMemory(database),
                    new PostgresZoneControlStore(database));
            Platform platform = new Platform("serve", stores, settings, config.allocation(), config.accounts(),
                    apiKeys(config), clock);
            platform.resources.addAll(newestFirst(opened));
            ExecutorService probes = Executors.newCachedThreadPool(daemon("parkgrid-health-probe"));
            platform.resources.add(probes::shutdownNow);
            platform.healthChecks.add(new HealthCheck("redis", store::ping));
            platform.healthChecks.add(new HealthCheck("postgres",
                    () -> CompletableFuture.runAsync(() -> ping(database), probes)));
            platform.resources.add(0, new GeographyChangeListener(database, platform::reloadGeography).start());
            if (platform.geography.listLots().isEmpty()) {
                LOG.warn("PostGIS schema {} holds no lots yet: load a data set with ./parkgrid import FILE.geojson",
                        database.schema());
            }
            return platform;
        } catch (RuntimeException e) {
            newestFirst(opened).forEach(Platform::closeQuietly);
            throw e;
        }
    }

    /** Resources close in the reverse order of opening. */
    private static List<AutoCloseable> newestFirst(List<AutoCloseable> opened) {
        List<AutoCloseable> reversed = new ArrayList<>(opened);
        Collections.reverse(reversed);
        return reversed;
    }

    private static RedisClient redisClient(ParkGridConfig.Redis redis) {
        RedisURI uri = RedisURI.create(redis.uri());
        uri.setTimeout(redis.timeout());
        RedisClient client = RedisClient.create(uri);
        // Fail fast while Redis is unreachable instead of queueing requests that will time out.
        client.setOptions(ClientOptions.builder()
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(redis.timeout()))
                .build());
        return client;
    }

    private static Authenticator apiKeys(ParkGridConfig config) {
        Map<String, Principal> keys = config.credentials().stream().collect(Collectors.toMap(
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

    private static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    /** The resident discount applies to registered residents of the lot's own community. Blocking. */
    private boolean isResidentOf(String plate, Lot lot) {
        return residents.findByPlate(plate)
                .map(resident -> geography.snapshot().communityAt(lot.entrance())
                        .map(community -> community.id().equals(resident.communityId())).orElse(false))
                .orElse(false);
    }

    /**
     * Re-reads the geometry from its store into this node's index and registers any new or
     * resized lot with the occupancy store. Blocking: called on workers and by the change listener.
     */
    public void reloadGeography() {
        geography.replace(geographyStore.load());
        registerLots().toCompletableFuture().join();
    }

    /** Makes every catalog lot known to the occupancy store with its current capacity. */
    public CompletionStage<Void> registerLots() {
        CompletableFuture<?>[] registrations = geography.listLots().stream()
                .map(lot -> occupancy.store().registerLot(lot.id(), lot.capacity(), clock.instant()).toCompletableFuture())
                .toArray(CompletableFuture[]::new);
        return CompletableFuture.allOf(registrations);
    }

    public String mode() {
        return mode;
    }

    public Geography geography() {
        return geography;
    }

    public GeographyStore geographyStore() {
        return geographyStore;
    }

    public ResidentRegistry residents() {
        return residents;
    }

    public OccupancyService occupancy() {
        return occupancy;
    }

    public AllocationService allocations() {
        return allocations;
    }

    public ZoneControls controls() {
        return controls;
    }

    public AccountService accounts() {
        return accounts;
    }

    public SettlementService settlement() {
        return settlement;
    }

    public AccountBook accountBook() {
        return accountBook;
    }

    public TariffStore tariffs() {
        return tariffs;
    }

    public Authenticator authenticator() {
        return authenticator;
    }

    public Clock clock() {
        return clock;
    }

    public List<HealthCheck> healthChecks() {
        return List.copyOf(healthChecks);
    }

    public PrometheusMeterRegistry metrics() {
        return metrics;
    }

    /** Operators and their lots, for the dev banner. */
    public Map<String, List<String>> lotIdsByOperator() {
        return geography.listLots().stream().collect(Collectors.groupingBy(Lot::operatorId,
                TreeMap::new, Collectors.mapping(Lot::id, Collectors.toList())));
    }

    @Override
    public void close() {
        resources.forEach(Platform::closeQuietly);
        metrics.close();
    }

    private static void closeQuietly(AutoCloseable resource) {
        try {
            resource.close();
        } catch (Exception e) {
            LOG.warn("failed to close {}", resource, e);
        }
    }
}
