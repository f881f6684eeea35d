package city.parkgrid.occupancy.postgres;

import city.parkgrid.accounts.memory.InMemoryAccountBook;
import city.parkgrid.accounts.simulated.InMemoryPayerMemory;
import city.parkgrid.allocation.AllocationSettings;
import city.parkgrid.app.Settings;
import city.parkgrid.app.Stores;
import city.parkgrid.app.UseCases;
import city.parkgrid.catalog.memory.InMemoryGeographyStore;
import city.parkgrid.dataset.DataSet;
import city.parkgrid.history.memory.InMemoryOccupancyHistoryStore;
import city.parkgrid.occupancy.JournaledOccupancyStore;
import city.parkgrid.occupancy.OccupancyStore;
import city.parkgrid.occupancy.redis.RedisEndpoint;
import city.parkgrid.occupancy.redis.RedisOccupancyStore;
import city.parkgrid.postgres.PostgresDatabase;
import city.parkgrid.pricing.memory.InMemoryPricingStore;
import city.parkgrid.regions.memory.InMemoryResidentRegistry;
import city.parkgrid.reservations.memory.InMemoryBookingStore;
import city.parkgrid.tariffs.memory.InMemoryTariffStore;
import city.parkgrid.testing.TestServices;
import city.parkgrid.zones.control.memory.InMemoryZoneControlStore;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One platform node as serve wires its live state: its own Redis client (configured as serve's,
 * failing fast while Redis is away), its own PostgreSQL pool and journal, and the use cases wired
 * over them. Restores run through it are counted in {@code restores}, shared by the nodes of a test.
 */
final class LiveNode implements AutoCloseable {

    final RedisEndpoint redis;
    final PostgresDatabase database;
    final ExecutorService journalWrites = Executors.newFixedThreadPool(4);
    final ExecutorService payments = Executors.newSingleThreadExecutor();
    /** Lots with more journal rows than this get a checkpoint when the test compacts: a few seconds of load. */
    static final int COMPACT_ABOVE = 4;

    /** The node's store under the use cases: the Redis one, journalled. */
    final OccupancyStore store;

    final UseCases useCases;

    LiveNode(String redisUri, String prefix, String schema, DataSet data, AtomicInteger restores) {
        redis = RedisEndpoint.standalone(redisUri, Duration.ofSeconds(2));
        database = new PostgresDatabase(TestServices.postgres(schema));
        OccupancyStore journaled = new JournaledOccupancyStore(
                new RedisOccupancyStore(redis, prefix, Settings.DEFAULTS.occupancy()),
                new PostgresLiveJournal(database),
                journalWrites,
                COMPACT_ABOVE);
        store = counting(journaled, restores);
        Stores stores = new Stores(
                new InMemoryGeographyStore(data),
                new InMemoryResidentRegistry(),
                store,
                new InMemoryAccountBook(),
                new InMemoryTariffStore(),
                new InMemoryPayerMemory(),
                new InMemoryZoneControlStore(),
                new InMemoryOccupancyHistoryStore(),
                new InMemoryPricingStore(),
                new InMemoryBookingStore());
        useCases = UseCases.wire(stores, SETTINGS, Clock.systemUTC(), payments, Runnable::run);
    }

    /**
     * serve's defaults, but no allocation rate limit worth the name: the load retries a refused
     * allocation every 20 ms under the same driver, and every try counts towards the per-driver
     * limit, so a restore longer than 30 tries would end the load in a 429 that says nothing
     * about the live state under test.
     */
    static final Settings SETTINGS = new Settings(
            Settings.DEFAULTS.occupancy(),
            Settings.DEFAULTS.ranking(),
            new AllocationSettings(
                    Settings.DEFAULTS.allocation().maxHold(),
                    Settings.DEFAULTS.allocation().candidatesTried(),
                    Settings.DEFAULTS.allocation().maxPlatesPerDriver(),
                    1_000_000),
            Settings.DEFAULTS.commissionBasisPoints(),
            Settings.DEFAULTS.paymentRetry(),
            Settings.DEFAULTS.gateway(),
            Settings.DEFAULTS.history(),
            Settings.DEFAULTS.recentOccupancyMaxAge());

    /** The store, counting each time a restore replays the journal through it. */
    private static OccupancyStore counting(OccupancyStore store, AtomicInteger restores) {
        return (OccupancyStore) Proxy.newProxyInstance(
                OccupancyStore.class.getClassLoader(), new Class<?>[] {OccupancyStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("restoreLiveState")) {
                        restores.incrementAndGet();
                    }
                    try {
                        return method.invoke(store, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Override
    public void close() {
        redis.close();
        journalWrites.shutdownNow();
        payments.shutdownNow();
        database.close();
    }
}
