package city.parkgrid.occupancy.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import city.parkgrid.dataset.DataSet;
import city.parkgrid.dataset.GeoJsonDataSetReader;
import city.parkgrid.lots.Lot;
import city.parkgrid.occupancy.GateEvent;
import city.parkgrid.occupancy.Hold;
import city.parkgrid.occupancy.HoldStatus;
import city.parkgrid.occupancy.LotOccupancy;
import city.parkgrid.postgres.PostgresDatabase;
import city.parkgrid.testing.TestServices;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Redis loses this test's live state while two nodes run under load (the test's own keys are
 * deleted: the shared Redis is never flushed): the nodes notice by themselves, one of them
 * restores from the PostgreSQL journal (checkpoints both nodes took under the load, and the changes
 * after them), and afterwards every lot's counts, closures and reserved
 * spaces and every hold are exactly what the nodes acknowledged, every event counted once
 * (issue 16, "live state that survives losing Redis").
 */
class LiveStateRestoreIT {

    private final DataSet data = GeoJsonDataSetReader.wujiaochang();
    private final AtomicInteger restores = new AtomicInteger();
    private String schema;
    private String prefix;
    private PostgresDatabase admin;

    @BeforeEach
    void migrate() {
        schema = TestServices.uniqueSchema();
        prefix = TestServices.uniquePrefix();
        admin = TestServices.migratedDatabase(schema);
    }

    @AfterEach
    void drop() {
        TestServices.deleteKeys(prefix);
        TestServices.dropSchema(admin);
        admin.close();
    }

    @Test
    void twoNodesUnderLoadGetBackExactlyWhatTheyAcknowledgedAndOnlyOneRestores() throws Exception {
        List<Lot> big = data.lots().stream().filter(l -> l.capacity() >= 100).toList();
        Lot closed = big.get(8);
        Lot reserved = big.get(9);
        try (LiveNode a = new LiveNode(TestServices.redisUri(), prefix, schema, data, restores);
                LiveNode b = new LiveNode(TestServices.redisUri(), prefix, schema, data, restores)) {
            a.useCases.catalog().registerLotsAtStart().toCompletableFuture().join();
            b.useCases.catalog().registerLotsAtStart().toCompletableFuture().join();
            assertThat(restores.get())
                    .as("the first start registers the lots once (an empty journal)")
                    .isEqualTo(1);
            restores.set(0);
            Instant now = Instant.now();
            a.store
                    .configureLot(closed.id(), true, 0, now)
                    .toCompletableFuture()
                    .join();
            b.store
                    .configureLot(reserved.id(), false, 7, now)
                    .toCompletableFuture()
                    .join();

            LiveLoad loadA = new LiveLoad("alpha", a.useCases, big.subList(0, 4), 1);
            LiveLoad loadB = new LiveLoad("bravo", b.useCases, big.subList(2, 6), 2); // lots 2, 3 shared
            Thread ta = new Thread(loadA, "load-a");
            Thread tb = new Thread(loadB, "load-b");
            ta.start();
            tb.start();
            LiveLoad.sleep(1_500);
            // both nodes compact at once under the load, then the load goes on after the checkpoints
            var compactA = a.store.compactJournal(Instant.now()).toCompletableFuture();
            var compactB = b.store.compactJournal(Instant.now()).toCompletableFuture();
            int checkpointed = compactA.join() + compactB.join();
            int checkpoints = count("SELECT count(*) FROM live_checkpoint");
            System.out.printf("compaction: %d checkpoints taken, %d lots checkpointed%n", checkpointed, checkpoints);
            assertThat(checkpoints).as("lots the load changed got a checkpoint").isGreaterThanOrEqualTo(6);
            assertThat(count("SELECT count(*) FROM live_journal j JOIN live_checkpoint k USING (lot_id)"
                            + " WHERE j.version <= k.version"))
                    .as("rows a checkpoint covers are dropped (late commits aside)")
                    .isLessThanOrEqualTo(2);
            LiveLoad.sleep(1_000);

            assertThat(TestServices.loseKeys(prefix)).as("keys lost").isPositive();
            long lost = System.nanoTime();
            long restoredMs = -1;
            while (restoredMs < 0 && System.nanoTime() - lost < 20_000_000_000L) {
                if (a.store.registrationsIntact().toCompletableFuture().join()) {
                    restoredMs = (System.nanoTime() - lost) / 1_000_000;
                }
                LiveLoad.sleep(10);
            }
            int batchesAtRestore = loadA.batches.get() + loadB.batches.get();
            LiveLoad.sleep(1_500);
            loadA.running.set(false);
            loadB.running.set(false);
            ta.join(10_000);
            tb.join(10_000);
            assertThat(loadA.failure).as("load on node a").isNull();
            assertThat(loadB.failure).as("load on node b").isNull();
            System.out.printf(
                    "restored in %d ms; a: %d batches, %d resends, %d holds, %d refused; b: %d, %d, %d, %d%n",
                    restoredMs,
                    loadA.batches.get(),
                    loadA.resends.get(),
                    loadA.holds.get(),
                    loadA.refused.get(),
                    loadB.batches.get(),
                    loadB.resends.get(),
                    loadB.holds.get(),
                    loadB.refused.get());

            assertThat(restoredMs).as("ms from the loss to the epoch restored").isBetween(0L, 10_000L);
            assertThat(restores.get()).as("restores run across both nodes").isEqualTo(1);
            assertThat(loadA.refused.get() + loadB.refused.get())
                    .as("writes were refused while the state was lost")
                    .isPositive();
            assertThat(loadA.batches.get() + loadB.batches.get())
                    .as("writes were acknowledged after the restore")
                    .isGreaterThan(batchesAtRestore);

            // every batch acknowledged before or after the loss is a duplicate now, on either node
            for (LiveLoad load : List.of(loadA, loadB)) {
                for (var batch : load.acknowledged) {
                    var result = (load == loadA ? b : a)
                            .useCases
                            .occupancy()
                            .ingest(lotOf(load, batch).id(), batch, Instant.now())
                            .toCompletableFuture()
                            .join();
                    result.outcomes()
                            .forEach(o -> assertThat(o.result().name())
                                    .as(o.eventId())
                                    .isEqualTo("DUPLICATE"));
                }
            }

            Instant end = Instant.now();
            for (Lot lot : big.subList(0, 6)) {
                int inside = 0;
                int held = 0;
                for (LiveLoad load : List.of(loadA, loadB)) {
                    LiveLoad.Truth t = load.truth.get(lot.id());
                    if (t == null) {
                        continue;
                    }
                    inside += t.inside.size();
                    held += t.held.size();
                    for (Map.Entry<String, String> h : t.held.entrySet()) {
                        Optional<Hold> hold = a.store
                                .findHold(h.getKey(), end)
                                .toCompletableFuture()
                                .join();
                        assertThat(hold).as(h.getKey()).isPresent();
                        assertThat(hold.get().status()).as(h.getKey()).isEqualTo(HoldStatus.HELD);
                        assertThat(a.store
                                        .findPlateHold(h.getValue())
                                        .toCompletableFuture()
                                        .join())
                                .as("plate pointer of " + h.getValue())
                                .contains(h.getKey());
                    }
                }
                LotOccupancy o = a.useCases
                        .occupancy()
                        .findOccupancy(lot.id())
                        .toCompletableFuture()
                        .join()
                        .orElseThrow();
                assertThat(o.occupied()).as("occupied of " + lot.id()).isEqualTo(inside);
                assertThat(o.held()).as("held of " + lot.id()).isEqualTo(held);
                assertThat(o.capacity()).isEqualTo(lot.capacity());
            }
            LotOccupancy c = b.useCases
                    .occupancy()
                    .findOccupancy(closed.id())
                    .toCompletableFuture()
                    .join()
                    .orElseThrow();
            assertThat(c.closed()).as("the closure survives").isTrue();
            LotOccupancy r = b.useCases
                    .occupancy()
                    .findOccupancy(reserved.id())
                    .toCompletableFuture()
                    .join()
                    .orElseThrow();
            assertThat(r.reserved()).as("the reserved spaces survive").isEqualTo(7);
            assertThat(data.lots())
                    .allSatisfy(lot -> assertThat(a.useCases
                                    .occupancy()
                                    .findOccupancy(lot.id())
                                    .toCompletableFuture()
                                    .join())
                            .as(lot.id() + " is known again")
                            .isPresent());
        }
    }

    private int count(String query) {
        return admin.inTransaction(
                c -> {
                    try (var s = c.prepareStatement(query);
                            var r = s.executeQuery()) {
                        r.next();
                        return r.getInt(1);
                    }
                },
                "counting");
    }

    private static Lot lotOf(LiveLoad load, List<GateEvent> batch) {
        return load.lotOfBatch(batch);
    }
}
