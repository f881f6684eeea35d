package city.parkgrid.history.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import city.parkgrid.accounts.memory.InMemoryAccountBook;
import city.parkgrid.accounts.simulated.InMemoryPayerMemory;
import city.parkgrid.app.Settings;
import city.parkgrid.app.Stores;
import city.parkgrid.app.UseCases;
import city.parkgrid.catalog.memory.InMemoryGeographyStore;
import city.parkgrid.dataset.DataSet;
import city.parkgrid.dataset.GeoJsonDataSetReader;
import city.parkgrid.history.LotChange;
import city.parkgrid.history.OccupancySample;
import city.parkgrid.lots.Lot;
import city.parkgrid.occupancy.OccupancyStore;
import city.parkgrid.occupancy.memory.InMemoryOccupancyStore;
import city.parkgrid.postgres.PostgresDatabase;
import city.parkgrid.pricing.memory.InMemoryPricingStore;
import city.parkgrid.regions.memory.InMemoryResidentRegistry;
import city.parkgrid.reservations.memory.InMemoryBookingStore;
import city.parkgrid.tariffs.memory.InMemoryTariffStore;
import city.parkgrid.testing.SettableClock;
import city.parkgrid.testing.TestServices;
import city.parkgrid.zones.control.memory.InMemoryZoneControlStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two nodes record history into one real PostgreSQL, each with its own connection pool and its
 * own recorder running in the background as the serve nodes' periodic job does, over one shared
 * live state (Redis in serve). One node is restarted (its pool closed, a new one wired, starting in
 * the middle of a step), and the other is down for a while: every lot still has exactly one sample
 * at every step, each with the live state of that step.
 */
class TwoNodeRecordingIT {

    private static final Instant STEP0 = Instant.parse("2026-11-28T02:00:00Z");
    private static final Duration STEP = Settings.DEFAULTS.history().step();
    private static final int STEPS = 30;

    private static String schema;
    private static PostgresDatabase admin;

    @BeforeAll
    static void migrate() {
        schema = TestServices.uniqueSchema();
        admin = TestServices.migratedDatabase(schema);
    }

    @AfterAll
    static void dropSchema() {
        TestServices.dropSchema(admin);
        admin.close();
    }

    /** One node: its own pool and use cases; the live state is the shared one. */
    private static final class Node implements AutoCloseable {
        final PostgresDatabase database = new PostgresDatabase(TestServices.postgres(schema));
        final UseCases useCases;
        final AtomicBoolean running = new AtomicBoolean(true);
        final AtomicLong written = new AtomicLong();
        final Thread loop;
        final ExecutorService payments = Executors.newSingleThreadExecutor();

        Node(String name, DataSet data, OccupancyStore live, Clock clock) {
            Stores stores = new Stores(
                    new InMemoryGeographyStore(data),
                    new InMemoryResidentRegistry(),
                    live,
                    new InMemoryAccountBook(),
                    new InMemoryTariffStore(),
                    new InMemoryPayerMemory(),
                    new InMemoryZoneControlStore(),
                    new PostgresOccupancyHistoryStore(database),
                    new InMemoryPricingStore(),
                    new InMemoryBookingStore());
            useCases = UseCases.wire(stores, Settings.DEFAULTS, clock, payments, Runnable::run);
            loop = new Thread(
                    () -> {
                        while (running.get()) {
                            try {
                                useCases.recorder().recordDue().ifPresent(w -> written.addAndGet(w.written()));
                                Thread.sleep(15);
                            } catch (InterruptedException e) {
                                return;
                            } catch (RuntimeException e) {
                                // as the periodic job does: log and try again next tick
                                System.err.println(name + " recorder failed: " + e);
                            }
                        }
                    },
                    name);
            loop.start();
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            loop.interrupt();
            loop.join(5_000);
            payments.shutdownNow();
            database.close();
        }
    }

    @Test
    void exactlyOneSamplePerLotAndStepAcrossARestartAndWhileOnlyOneNodeIsUp() throws Exception {
        DataSet data = GeoJsonDataSetReader.wujiaochang();
        InMemoryOccupancyStore live = new InMemoryOccupancyStore(Settings.DEFAULTS.occupancy());
        SettableClock clock = new SettableClock(STEP0.plusSeconds(30));
        // node B's clock runs two seconds behind A's: the nodes disagree about when a step begins
        Clock behind = Clock.offset(clock, Duration.ofSeconds(-2));
        List<Lot> lots = data.lots();
        for (Lot lot : lots) {
            live.registerLot(lot.id(), lot.capacity(), clock.instant())
                    .toCompletableFuture()
                    .join();
        }
        Lot wanda = lots.stream()
                .filter(l -> l.id().equals("wanda-plaza"))
                .findFirst()
                .orElseThrow();
        int[] occupiedAt = new int[STEPS];
        occupiedAt[0] = 100;
        live.applySnapshot(wanda.id(), occupiedAt[0], clock.instant(), clock.instant())
                .toCompletableFuture()
                .join();
        Node a = new Node("node-a", data, live, clock);
        Node b = new Node("node-b", data, live, behind);
        Random random = new Random(11);
        long writtenByFirstA = 0;
        long writtenByB = 0;
        try {
            for (int k = 0; k < STEPS; k++) {
                Instant step = STEP0.plus(STEP.multipliedBy(k));
                if (k == 10) { // node A goes down; B alone
                    a.close();
                    writtenByFirstA = a.written.get();
                }
                if (k == 13) { // node A is back, wired afresh, in the middle of the step
                    a = new Node("node-a2", data, live, clock);
                }
                if (k == 18) { // node B goes down; the new A alone
                    b.close();
                    writtenByB = b.written.get();
                }
                if (k == 23) {
                    b = new Node("node-b2", data, live, behind);
                }
                if (k > 0) { // the live state of this step, set before the clock reaches it
                    occupiedAt[k] = 100 + k;
                    a.useCases
                            .occupancy()
                            .applySnapshot(wanda, occupiedAt[k], clock.instant(), clock.instant())
                            .toCompletableFuture()
                            .join();
                }
                // into the step, somewhere in its first half (B, behind, may still see the last step)
                clock.set(step.plusSeconds(1 + random.nextInt(150)));
                Instant due = step;
                assertThat(waitFor(() -> countAt(due) == lots.size(), 10_000))
                        .as("step %d (%s) is recorded for every lot", k, step)
                        .isTrue();
            }
        } finally {
            a.close();
            b.close();
        }
        Instant end = STEP0.plus(STEP.multipliedBy(STEPS));
        try (PostgresDatabase reader = new PostgresDatabase(TestServices.postgres(schema))) {
            PostgresOccupancyHistoryStore store = new PostgresOccupancyHistoryStore(reader);
            List<Instant> everyStep = new ArrayList<>();
            for (int k = 0; k < STEPS; k++) {
                everyStep.add(STEP0.plus(STEP.multipliedBy(k)));
            }
            for (Lot lot : lots) {
                assertThat(store.samples(lot.id(), STEP0, end))
                        .extracting(OccupancySample::at)
                        .as(lot.id())
                        .containsExactlyElementsOf(everyStep);
                assertThat(store.changes(lot.id(), STEP0, end))
                        .extracting(LotChange::at)
                        .as("%s: its first state only, recorded once", lot.id())
                        .containsExactly(STEP0);
            }
            assertThat(store.samples("wanda-plaza", STEP0, end))
                    .extracting(OccupancySample::occupied)
                    .as("each step holds the live state of that step")
                    .containsExactly(java.util.Arrays.stream(occupiedAt).boxed().toArray(Integer[]::new));
        }
        assertThat(countAll()).isEqualTo((long) lots.size() * STEPS);
        assertThat(writtenByFirstA + writtenByB + a.written.get() + b.written.get())
                .as("every sample written was counted by exactly one node")
                .isEqualTo((long) lots.size() * STEPS);
        assertThat(writtenByB).as("node B wrote the steps while A was down").isPositive();
        assertThat(a.written.get())
                .as("the restarted A wrote the steps while B was down")
                .isPositive();
    }

    private static boolean waitFor(java.util.function.BooleanSupplier condition, long millis)
            throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(10);
        }
        return condition.getAsBoolean();
    }

    private static long countAt(Instant at) {
        return count("SELECT count(*) FROM occupancy_samples WHERE at = ?", at);
    }

    private static long countAll() {
        return count("SELECT count(*) FROM occupancy_samples", null);
    }

    private static long count(String sql, Instant at) {
        try (Connection c = admin.dataSource().getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            if (at != null) {
                s.setObject(1, at.atOffset(java.time.ZoneOffset.UTC));
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
