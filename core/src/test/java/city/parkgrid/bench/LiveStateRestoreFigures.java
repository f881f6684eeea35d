package city.parkgrid.bench;

import city.parkgrid.app.Settings;
import city.parkgrid.geo.GeoPoint;
import city.parkgrid.lots.Lot;
import city.parkgrid.lots.LotCatalog;
import city.parkgrid.lots.LotKind;
import city.parkgrid.lots.NearbyLot;
import city.parkgrid.occupancy.GateEvent;
import city.parkgrid.occupancy.GateEventType;
import city.parkgrid.occupancy.HoldIds;
import city.parkgrid.occupancy.HoldRequest;
import city.parkgrid.occupancy.HoldStatus;
import city.parkgrid.occupancy.JournaledOccupancyStore;
import city.parkgrid.occupancy.OccupancyStore;
import city.parkgrid.occupancy.SelfRegisteringOccupancyStore;
import city.parkgrid.occupancy.postgres.PostgresLiveJournal;
import city.parkgrid.occupancy.redis.RedisOccupancyStore;
import city.parkgrid.postgres.PostgresDatabase;
import city.parkgrid.testing.TestServices;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * The figures of the live journal (docs/PERFORMANCE.md, "Live state survives losing Redis"), on
 * the real Redis and PostgreSQL of the tests: (1) the time a gate batch of 10 events and a hold
 * take with the journal and without it, side by side in one run, one call in flight; (2) the time
 * from a loss to the state restored (the full path: lock, grace, journal read, replay, pointers,
 * epoch) for the 40 lots of a district and for 4,500 synthetic lots, each with three rounds of a
 * busy lot's changes in miniature (a registration, then per round 10 gate batches of 5 events, 2
 * holds, an end): once from the whole journal, once from a checkpoint per lot (one compaction)
 * and a round of changes after it.
 * Bounded: a few minutes at most. Run with {@code java -cp … LiveStateRestoreFigures
 * [--cluster] [LOTS…]} (lot counts given: only those restores; {@code --cluster}: on the Redis
 * Cluster of the tests, {@code PARKGRID_TEST_REDIS_CLUSTER}).
 */
public final class LiveStateRestoreFigures {

    private LiveStateRestoreFigures() {}

    /** Rounds of a busy lot's changes in miniature each lot has before the first restore. */
    private static final int ROUNDS = 3;

    public static void main(String[] args) throws Exception {
        ExecutorService journalWrites = Executors.newFixedThreadPool(8);
        try {
            if (args.length == 0) {
                overhead(journalWrites);
            }
            // [--cluster] [LOTS…]: the restores on the Redis Cluster of the tests
            List<String> given = new ArrayList<>(List.of(args));
            TestServices.RedisTopology topology = given.remove("--cluster")
                    ? TestServices.RedisTopology.CLUSTER
                    : TestServices.RedisTopology.STANDALONE;
            for (String lots : given.isEmpty() ? List.of("40", "4500") : given) {
                restore(Integer.parseInt(lots), ROUNDS, topology, journalWrites);
            }
        } catch (RuntimeException e) {
            e.printStackTrace();
        } finally {
            journalWrites.shutdownNow();
            System.exit(0);
        }
    }

    private static void overhead(ExecutorService journalWrites) {
        String schema = TestServices.uniqueSchema();
        String prefix = TestServices.uniquePrefix();
        PostgresDatabase database = TestServices.migratedDatabase(schema);
        try {
            OccupancyStore plain = new RedisOccupancyStore(TestServices.redis(), prefix, Settings.DEFAULTS.occupancy());
            OccupancyStore journaled =
                    new JournaledOccupancyStore(plain, new PostgresLiveJournal(database), journalWrites);
            Instant now = Instant.now();
            for (String lot : List.of("off", "on")) {
                plain.registerLot(lot, 1_000_000, now).toCompletableFuture().join();
            }
            long[] batchNanos = new long[2];
            long[] holdNanos = new long[2];
            int rounds = 10;
            int perRound = 150;
            int[] serial = {0};
            for (int round = 0; round < rounds + 1; round++) { // round 0 warms up
                for (int side = 0; side < 2; side++) {
                    OccupancyStore store = side == 0 ? plain : journaled;
                    String lot = side == 0 ? "off" : "on";
                    long t0 = System.nanoTime();
                    for (int i = 0; i < perRound; i++) {
                        List<GateEvent> batch = new ArrayList<>();
                        for (int k = 0; k < 10; k++) {
                            int n = ++serial[0];
                            batch.add(new GateEvent("ov-" + n, GateEventType.ENTRY, "沪B" + n, Instant.now(), null));
                        }
                        store.applyGateEvents(lot, batch, Instant.now())
                                .toCompletableFuture()
                                .join();
                    }
                    long t1 = System.nanoTime();
                    for (int i = 0; i < perRound; i++) {
                        int n = ++serial[0];
                        Instant at = Instant.now();
                        store.hold(new HoldRequest(HoldIds.newId(lot), lot, "沪H" + n, "d" + n, at.plusSeconds(600)), at)
                                .toCompletableFuture()
                                .join();
                    }
                    long t2 = System.nanoTime();
                    if (round > 0) {
                        batchNanos[side] += t1 - t0;
                        holdNanos[side] += t2 - t1;
                    }
                }
            }
            double n = rounds * (double) perRound;
            System.out.printf(
                    "gate batch of 10: journal off %.0f us, on %.0f us (x%.2f, +%.0f us)%n",
                    batchNanos[0] / n / 1e3,
                    batchNanos[1] / n / 1e3,
                    batchNanos[1] / (double) batchNanos[0],
                    (batchNanos[1] - batchNanos[0]) / n / 1e3);
            System.out.printf(
                    "hold: journal off %.0f us, on %.0f us (x%.2f, +%.0f us)%n",
                    holdNanos[0] / n / 1e3,
                    holdNanos[1] / n / 1e3,
                    holdNanos[1] / (double) holdNanos[0],
                    (holdNanos[1] - holdNanos[0]) / n / 1e3);
        } finally {
            TestServices.deleteKeys(prefix);
            TestServices.dropSchema(database);
            database.close();
        }
    }

    private static void restore(
            int lotCount, int rounds, TestServices.RedisTopology topology, ExecutorService journalWrites) {
        String schema = TestServices.uniqueSchema();
        String prefix = TestServices.uniquePrefix();
        PostgresDatabase database = TestServices.migratedDatabase(schema);
        try {
            List<Lot> lots = new ArrayList<>();
            for (int i = 0; i < lotCount; i++) {
                lots.add(new Lot(
                        "syn-" + i,
                        "停车场" + i,
                        "Lot " + i,
                        "op-syn",
                        null,
                        LotKind.values()[0],
                        GeoPoint.of(31.2 + i * 1e-5, 121.4),
                        200));
            }
            // every lot with a row after its checkpoint gets a new one, so that one compaction
            // leaves the journal as serve's would after enough history
            JournaledOccupancyStore journaled = new JournaledOccupancyStore(
                    new RedisOccupancyStore(TestServices.redis(topology), prefix, Settings.DEFAULTS.occupancy()),
                    new PostgresLiveJournal(database),
                    journalWrites,
                    0);
            SelfRegisteringOccupancyStore live = new SelfRegisteringOccupancyStore(journaled, catalog(lots));
            Instant start = Instant.now();
            live.restoreIfLost(start).toCompletableFuture().join(); // the first start: registers every lot
            long filled = System.nanoTime();
            for (int round = 0; round < rounds; round++) {
                fill(lots, live, round);
            }
            long rows = count(database, "SELECT count(*) FROM live_journal");
            System.out.printf(
                    "%d lots: %d journal rows (%d rounds of changes) written in %d ms%n",
                    lotCount, rows, rounds, (System.nanoTime() - filled) / 1_000_000);
            lostAndRestored(lots, live, prefix, lotCount + " lots, " + rows + " journal rows, no checkpoint");

            long compacting = System.nanoTime();
            int checkpointed = 0;
            for (int n;
                    (n = journaled
                                    .compactJournal(Instant.now())
                                    .toCompletableFuture()
                                    .join())
                            > 0; ) {
                checkpointed += n;
            }
            System.out.printf(
                    "%d lots: compaction took %d checkpoints in %d ms, %d bytes a checkpoint on average%n",
                    lotCount,
                    checkpointed,
                    (System.nanoTime() - compacting) / 1_000_000,
                    count(database, "SELECT avg(length(state))::bigint FROM live_checkpoint"));
            fill(lots, live, rounds); // a round of changes after the checkpoints
            long after = count(database, "SELECT count(*) FROM live_journal");
            lostAndRestored(
                    lots,
                    live,
                    prefix,
                    lotCount + " lots, a checkpoint each and " + after + " journal rows after them");
        } finally {
            TestServices.deleteKeys(prefix);
            TestServices.dropSchema(database);
            database.close();
        }
    }

    private static void fill(List<Lot> lots, OccupancyStore live, int round) {
        for (int from = 0; from < lots.size(); from += 64) { // 64 lots' changes at a time
            List<CompletableFuture<?>> work = new ArrayList<>();
            for (Lot lot : lots.subList(from, Math.min(lots.size(), from + 64))) {
                work.add(chain(lot, live, round));
            }
            CompletableFuture.allOf(work.toArray(CompletableFuture[]::new)).join();
        }
    }

    /** The loss of every key, the restore timed from it, and the state compared lot by lot. */
    private static void lostAndRestored(List<Lot> lots, OccupancyStore live, String prefix, String what) {
        List<String> ids = lots.stream().map(Lot::id).toList();
        var before = live.listOccupancy(ids).toCompletableFuture().join();
        TestServices.deleteKeys(prefix); // nothing writes meanwhile: no need to block the shared Redis
        long lost = System.nanoTime();
        live.restoreIfLost(Instant.now()).toCompletableFuture().join();
        long ms = (System.nanoTime() - lost) / 1_000_000;
        var after = live.listOccupancy(ids).toCompletableFuture().join();
        System.out.printf(
                "%s: restored in %d ms (of which %d ms the grace), state equal: %s%n",
                what, ms, SelfRegisteringOccupancyStore.RESTORE_GRACE.toMillis(), before.equals(after));
    }

    /** One lot's changes, one after another. */
    private static CompletableFuture<?> chain(Lot lot, OccupancyStore live, int round) {
        List<Function<Integer, CompletableFuture<?>>> steps = new ArrayList<>();
        String id = lot.id();
        for (int b = 0; b < 10; b++) {
            int batch = b;
            steps.add(i -> {
                List<GateEvent> events = new ArrayList<>();
                for (int k = 0; k < 5; k++) {
                    boolean exit = batch % 2 == 1 && k < 3;
                    String plate =
                            "S" + id.substring(4) + "R" + round + "P" + (exit ? (batch - 1) * 5 + k : batch * 5 + k);
                    events.add(new GateEvent(
                            id + "-" + round + "-" + batch + "-" + k,
                            exit ? GateEventType.EXIT : GateEventType.ENTRY,
                            plate,
                            Instant.now(),
                            null));
                }
                return live.applyGateEvents(id, events, Instant.now()).toCompletableFuture();
            });
        }
        String[] holdIds = {HoldIds.newId(id), HoldIds.newId(id)};
        for (int h = 0; h < 2; h++) {
            int k = h;
            steps.add(i -> live.hold(
                            new HoldRequest(
                                    holdIds[k],
                                    id,
                                    "H" + k + "L" + id.substring(4),
                                    "d-" + id + k,
                                    Instant.now().plusSeconds(900)),
                            Instant.now())
                    .toCompletableFuture());
        }
        steps.add(i ->
                live.endHold(holdIds[0], HoldStatus.CANCELLED, Instant.now()).toCompletableFuture());
        CompletableFuture<?> c = CompletableFuture.completedFuture(null);
        for (var step : steps) {
            c = c.thenCompose(x -> step.apply(0));
        }
        return c;
    }

    private static long count(PostgresDatabase database, String query) {
        return database.inTransaction(
                c -> {
                    try (var s = c.createStatement();
                            var r = s.executeQuery(query)) {
                        r.next();
                        return r.getLong(1);
                    }
                },
                "counting");
    }

    private static LotCatalog catalog(List<Lot> lots) {
        return new LotCatalog() {
            @Override
            public Optional<Lot> findLot(String lotId) {
                return lots.stream().filter(l -> l.id().equals(lotId)).findFirst();
            }

            @Override
            public Optional<Lot> findLotByExternalId(String scheme, String externalId) {
                return Optional.empty();
            }

            @Override
            public List<Lot> listLots() {
                return lots;
            }

            @Override
            public List<Lot> listLotsInZone(String zoneId) {
                return List.of();
            }

            @Override
            public List<NearbyLot> findLotsNear(GeoPoint point, double radiusMetres) {
                return List.of();
            }
        };
    }
}
