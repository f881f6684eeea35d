package city.parkgrid.api;

import city.parkgrid.access.ApiKeys;
import city.parkgrid.access.Authenticator;
import city.parkgrid.access.DevTokens;
import city.parkgrid.access.Principal;
import city.parkgrid.api.config.ParkGridConfig;
import city.parkgrid.api.ops.HealthCheck;
import city.parkgrid.dataset.DataSet;
import city.parkgrid.dataset.GeoJsonDataSetReader;
import city.parkgrid.lots.InMemoryLotCatalog;
import city.parkgrid.lots.Lot;
import city.parkgrid.lots.LotCatalog;
import city.parkgrid.occupancy.OccupancyService;
import city.parkgrid.occupancy.OccupancySettings;
import city.parkgrid.occupancy.OccupancyStore;
import city.parkgrid.occupancy.memory.InMemoryOccupancyStore;
import city.parkgrid.occupancy.redis.RedisOccupancyStore;
import city.parkgrid.zones.InMemoryZoneCatalog;
import city.parkgrid.zones.ZoneCatalog;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The platform's services wired for one mode: {@link #embedded} for {@code dev} and tests
 * (in-memory stores, dev tokens), {@link #connect} for {@code serve} (Redis, API keys). The HTTP
 * layer sees only this, never which mode it runs in. Thread-safe once built.
 */
public final class Platform implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Platform.class);

    private final String mode;
    private final DataSet dataSet;
    private final LotCatalog lots;
    private final ZoneCatalog zones;
    private final OccupancyService occupancy;
    private final Authenticator authenticator;
    private final Clock clock;
    private final List<HealthCheck> healthChecks;
    private final PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final List<AutoCloseable> resources;

    private Platform(String mode, DataSet dataSet, OccupancyStore store, OccupancySettings settings,
            Authenticator authenticator, Clock clock, List<HealthCheck> healthChecks, List<AutoCloseable> resources) {
        this.mode = mode;
        this.dataSet = dataSet;
        this.lots = new InMemoryLotCatalog(dataSet.lots());
        this.zones = new InMemoryZoneCatalog(dataSet.zones());
        this.occupancy = new OccupancyService(store, settings);
        this.authenticator = authenticator;
        this.clock = clock;
        this.healthChecks = List.copyOf(healthChecks);
        this.resources = resources;
    }

    /** Everything in this JVM: no Redis, no PostgreSQL, the documented dev tokens. */
    public static Platform embedded(DataSet dataSet, Clock clock) {
        OccupancyStore store = new InMemoryOccupancyStore(OccupancySettings.DEFAULTS);
        return new Platform("dev", dataSet, store, OccupancySettings.DEFAULTS, new DevTokens(), clock,
                List.of(new HealthCheck("occupancyStore", store::ping)), new ArrayList<>());
    }

    /** Against the real services named in the configuration; dev tokens are never accepted here. */
    public static Platform connect(ParkGridConfig config, Clock clock) {
        DataSet dataSet = config.dataset() == null
                ? GeoJsonDataSetReader.wujiaochang()
                : GeoJsonDataSetReader.read(Path.of(config.dataset()));
        RedisURI uri = RedisURI.create(config.redis().uri());
        uri.setTimeout(config.redis().timeout());
        RedisClient client = RedisClient.create(uri);
        // Fail fast while Redis is unreachable instead of queueing requests that will time out.
        client.setOptions(ClientOptions.builder()
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(config.redis().timeout()))
                .build());
        StatefulRedisConnection<String, String> connection = client.connect();
        OccupancySettings settings = config.occupancy().toSettings();
        OccupancyStore store = new RedisOccupancyStore(connection, config.redis().keyPrefix(), settings);
        List<AutoCloseable> resources = new ArrayList<>();
        resources.add(connection);
        resources.add(client::shutdown);
        Map<String, Principal> keys = config.credentials().stream().collect(Collectors.toMap(
                c -> c.sha256().toLowerCase(Locale.ROOT), c -> new Principal(c.role(), c.id())));
        if (keys.isEmpty()) {
            LOG.warn("no credentials configured: every write will be refused (see deploy/config-example.yaml)");
        }
        return new Platform("serve", dataSet, store, settings, new ApiKeys(keys), clock,
                List.of(new HealthCheck("redis", store::ping)), resources);
    }

    /** Makes every catalog lot known to the occupancy store with its current capacity. */
    public CompletionStage<Void> registerLots() {
        CompletableFuture<?>[] registrations = lots.listLots().stream()
                .map(lot -> occupancy.store().registerLot(lot.id(), lot.capacity(), clock.instant()).toCompletableFuture())
                .toArray(CompletableFuture[]::new);
        return CompletableFuture.allOf(registrations);
    }

    public String mode() {
        return mode;
    }

    public DataSet dataSet() {
        return dataSet;
    }

    public LotCatalog lots() {
        return lots;
    }

    public ZoneCatalog zones() {
        return zones;
    }

    public OccupancyService occupancy() {
        return occupancy;
    }

    public Authenticator authenticator() {
        return authenticator;
    }

    public Clock clock() {
        return clock;
    }

    public List<HealthCheck> healthChecks() {
        return healthChecks;
    }

    public PrometheusMeterRegistry metrics() {
        return metrics;
    }

    /** Operators and their lots, for the dev banner. */
    public Map<String, List<String>> lotIdsByOperator() {
        return lots.listLots().stream().collect(Collectors.groupingBy(Lot::operatorId,
                TreeMap::new, Collectors.mapping(Lot::id, Collectors.toList())));
    }

    @Override
    public void close() {
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception e) {
                LOG.warn("failed to close {}", resource, e);
            }
        }
        metrics.close();
    }
}
