package city.parkgrid.occupancy.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import city.parkgrid.StorageUnavailableException;
import city.parkgrid.allocation.AllocationRequest;
import city.parkgrid.dataset.DataSet;
import city.parkgrid.dataset.GeoJsonDataSetReader;
import city.parkgrid.lots.Lot;
import city.parkgrid.occupancy.EventResult;
import city.parkgrid.occupancy.GateEvent;
import city.parkgrid.occupancy.GateEventType;
import city.parkgrid.occupancy.Hold;
import city.parkgrid.occupancy.HoldStatus;
import city.parkgrid.occupancy.IngestionResult;
import city.parkgrid.occupancy.LotOccupancy;
import city.parkgrid.postgres.PostgresDatabase;
import city.parkgrid.testing.RedisServerProcess;
import city.parkgrid.testing.TestServices;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A real restart of a Redis of the test's own (port 6391, {@code --save '' --appendonly no}) under
 * a running node: while it is down writes are refused as unavailable and nothing is half-applied;
 * restarted empty, the node notices, restores the state from the journal and takes writes again
 * within 5 s of Redis answering, with no restart of the node (Lettuce reconnects); restarted with
 * its data (AOF), nothing is restored and nothing counted twice (issues 16 and 18).
 */
class RedisRestartRestoreIT {

    private static final int PORT = 6391;

    private final DataSet data = GeoJsonDataSetReader.wujiaochang();
    private final AtomicInteger restores = new AtomicInteger();
    private final RedisServerProcess redis = new RedisServerProcess(PORT);
    private String schema;
    private PostgresDatabase admin;
    private int serial;

    @BeforeEach
    void start() {
        schema = TestServices.uniqueSchema();
        admin = TestServices.migratedDatabase(schema);
        redis.start(false);
    }

    @AfterEach
    void stop() {
        redis.close();
        TestServices.dropSchema(admin);
        admin.close();
    }

    @Test
    @Timeout(120)
    void stoppedRefusesRestartedEmptyRestoresRestartedWithDataKeepsIt() throws Exception {
        List<Lot> big = data.lots().stream().filter(l -> l.capacity() >= 100).toList();
        Lot gate = big.get(0);
        Lot allocated = big.get(1);
        Lot closed = big.get(2);
        try (LiveNode node = new LiveNode(redis.uri(), "restart", schema, data, restores)) {
            node.useCases.catalog().registerLotsAtStart().toCompletableFuture().join();
            restores.set(0);
            List<GateEvent> first = batch(GateEventType.ENTRY, "沪R00001", "沪R00002", "沪R00003");
            assertAccepted(record(node, gate, first));
            assertAccepted(record(node, gate, batch(GateEventType.EXIT, "沪R00002")));
            Hold hold = node.useCases
                    .allocations()
                    .allocate(
                            new AllocationRequest("driver-r", "沪R00009", allocated.id(), null, Duration.ofMinutes(20)),
                            Instant.now())
                    .toCompletableFuture()
                    .join()
                    .hold();
            assertThat(hold).isNotNull();
            node.store
                    .configureLot(closed.id(), true, 0, Instant.now())
                    .toCompletableFuture()
                    .join();
            Map<String, LotOccupancy> before = states(node);
            long journalled = journalRows();

            // stopped: refused as unavailable, nothing journalled, nothing applied
            redis.kill();
            List<GateEvent> during = batch(GateEventType.ENTRY, "沪R00004");
            long askedAt = System.nanoTime();
            assertThatThrownBy(() -> record(node, gate, during))
                    .satisfies(e -> assertThat(unwrap(e)).isInstanceOf(StorageUnavailableException.class));
            assertThat((System.nanoTime() - askedAt) / 1_000_000)
                    .as("ms to the refusal")
                    .isLessThan(2_500);
            assertThat(journalRows())
                    .as("nothing journalled while Redis was down")
                    .isEqualTo(journalled);

            // restarted empty: restored from the journal, writes back within 5 s of Redis answering
            redis.start(false);
            long answering = System.nanoTime();
            IngestionResult after = untilAccepted(node, gate, during);
            long backMs = (System.nanoTime() - answering) / 1_000_000;
            System.out.println("writes accepted again " + backMs + " ms after the empty Redis answered");
            assertThat(backMs)
                    .as("ms from Redis answering to the first accepted write")
                    .isLessThan(5_000);
            assertAccepted(after);
            assertThat(restores.get()).as("restores").isEqualTo(1);
            Map<String, LotOccupancy> restored = states(node);
            for (Lot lot : data.lots()) {
                LotOccupancy was = before.get(lot.id());
                LotOccupancy now = restored.get(lot.id());
                assertThat(now).as(lot.id()).isNotNull();
                int extra = lot.id().equals(gate.id()) ? 1 : 0;
                assertThat(now.occupied()).as("occupied of " + lot.id()).isEqualTo(was.occupied() + extra);
                assertThat(now.held()).as("held of " + lot.id()).isEqualTo(was.held());
                assertThat(now.closed()).as("closed of " + lot.id()).isEqualTo(was.closed());
                assertThat(now.reserved()).as("reserved of " + lot.id()).isEqualTo(was.reserved());
                assertThat(now.capacity()).as("capacity of " + lot.id()).isEqualTo(was.capacity());
            }
            assertThat(node.store
                            .findHold(hold.id(), Instant.now())
                            .toCompletableFuture()
                            .join())
                    .get()
                    .extracting(Hold::status)
                    .isEqualTo(HoldStatus.HELD);
            assertThat(node.store.findPlateHold("沪R00009").toCompletableFuture().join())
                    .contains(hold.id());
            assertDuplicates(record(node, gate, first));

            // restarted with its data (AOF switched on, then a clean stop): nothing restored, nothing twice
            node.redis.sync().configSet("appendonly", "yes");
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (!node.redis.sync().info("persistence").contains("aof_rewrite_in_progress:0")
                    || node.redis.sync().info("persistence").contains("aof_rewrite_scheduled:1")) {
                assertThat(System.nanoTime()).as("AOF rewrite finished").isLessThan(deadline);
                LiveLoad.sleep(20);
            }
            assertAccepted(record(node, gate, batch(GateEventType.ENTRY, "沪R00005")));
            Map<String, LotOccupancy> kept = states(node);
            redis.stop();
            redis.start(true);
            IngestionResult resent = untilAccepted(node, gate, first);
            assertDuplicates(resent);
            assertThat(restores.get()).as("no restore over data Redis kept").isEqualTo(1);
            assertThat(states(node)).as("the state Redis kept, unchanged").isEqualTo(kept);
        }
    }

    private static IngestionResult untilAccepted(LiveNode node, Lot lot, List<GateEvent> events) {
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (true) {
            try {
                return record(node, lot, events);
            } catch (RuntimeException e) {
                assertThat(unwrap(e)).isInstanceOf(StorageUnavailableException.class);
                assertThat(System.nanoTime()).as("writes accepted again").isLessThan(deadline);
                LiveLoad.sleep(20);
            }
        }
    }

    private static IngestionResult record(LiveNode node, Lot lot, List<GateEvent> events) {
        return node.useCases.gateEvents().record(lot, events, Instant.now());
    }

    private Map<String, LotOccupancy> states(LiveNode node) {
        return node.useCases
                .occupancy()
                .listOccupancy(data.lots().stream().map(Lot::id).toList())
                .toCompletableFuture()
                .join();
    }

    private long journalRows() throws Exception {
        try (var c = admin.dataSource().getConnection();
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT count(*) FROM " + schema + ".live_journal")) {
            r.next();
            return r.getLong(1);
        }
    }

    private List<GateEvent> batch(GateEventType type, String... plates) {
        return java.util.Arrays.stream(plates)
                .map(p -> new GateEvent("restart-" + (++serial), type, p, Instant.now(), null))
                .toList();
    }

    private static void assertAccepted(IngestionResult result) {
        result.outcomes().forEach(o -> assertThat(o.result()).as(o.eventId()).isEqualTo(EventResult.ACCEPTED));
    }

    private static void assertDuplicates(IngestionResult result) {
        result.outcomes().forEach(o -> assertThat(o.result()).as(o.eventId()).isEqualTo(EventResult.DUPLICATE));
    }

    private static Throwable unwrap(Throwable e) {
        return e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    }
}
