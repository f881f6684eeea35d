package city.parkgrid.occupancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link OccupancyStore} must do, run against the in-memory store and against real
 * Redis. Each test works on lots of its own, so implementations may share a backing server.
 */
public abstract class OccupancyStoreContract {

    protected static final OccupancySettings SETTINGS = OccupancySettings.DEFAULTS;
    protected static final Instant T0 = Instant.parse("2026-11-28T02:00:00Z");
    private static final AtomicInteger LOTS = new AtomicInteger();

    protected OccupancyStore store;

    /** A fresh store; it may share its backing service with others (keys are namespaced). */
    protected abstract OccupancyStore newStore();

    @BeforeEach
    void createStore() {
        store = newStore();
    }

    protected String newLot(int capacity) {
        String lotId = "lot-" + LOTS.incrementAndGet();
        join(store.registerLot(lotId, capacity, T0));
        return lotId;
    }

    protected static <T> T join(java.util.concurrent.CompletionStage<T> stage) {
        return stage.toCompletableFuture().join();
    }

    protected static GateEvent entry(String id, String plate, int minute) {
        return new GateEvent(id, GateEventType.ENTRY, plate, T0.plus(Duration.ofMinutes(minute)), "g1");
    }

    protected static GateEvent exit(String id, String plate, int minute) {
        return new GateEvent(id, GateEventType.EXIT, plate, T0.plus(Duration.ofMinutes(minute)), "g1");
    }

    private IngestionResult apply(String lotId, GateEvent... events) {
        return join(store.applyGateEvents(lotId, List.of(events), T0.plus(Duration.ofHours(1))));
    }

    private LotOccupancy read(String lotId) {
        return join(store.findOccupancy(lotId)).orElseThrow();
    }

    @Test
    void registrationsAreIntactOnceMarkedAndKeepTheEpochMarked() {
        newLot(10);
        join(store.markRegistered(7));
        assertThat(join(store.registrationsIntact())).isTrue();
        assertThat(join(store.registrationEpoch())).hasValue(7);
        join(store.markRegistered(8));
        assertThat(join(store.registrationEpoch())).hasValue(8);
    }

    @Test
    void aRegistrationOrConfigurationSaysWhetherItChangedTheLot() {
        String lotId = "lot-" + LOTS.incrementAndGet();
        OccupancyStore.LotChange created = join(store.registerLotChange(lotId, 10, T0));
        assertThat(created.changed()).as("a new lot").isTrue();
        OccupancyStore.LotChange same = join(store.registerLotChange(lotId, 10, T0.plusSeconds(1)));
        assertThat(same.changed()).as("the same capacity again").isFalse();
        assertThat(same.occupancy().version()).isEqualTo(created.occupancy().version());
        OccupancyStore.LotChange resized = join(store.registerLotChange(lotId, 12, T0.plusSeconds(2)));
        assertThat(resized.changed()).isTrue();
        assertThat(resized.occupancy().version()).isGreaterThan(same.occupancy().version());

        OccupancyStore.LotChange closed = join(store.configureLotChange(lotId, true, 2, T0.plusSeconds(3)));
        assertThat(closed.changed()).isTrue();
        OccupancyStore.LotChange again = join(store.configureLotChange(lotId, true, 2, T0.plusSeconds(4)));
        assertThat(again.changed()).as("the same control again").isFalse();
        assertThat(again.occupancy().version()).isEqualTo(closed.occupancy().version());
        assertThat(join(store.configureLotChange(lotId, false, 2, T0.plusSeconds(5)))
                        .changed())
                .isTrue();
    }

    @Test
    void registeredLotStartsEmptyAndOpen() {
        String lot = newLot(40);
        LotOccupancy o = read(lot);
        assertThat(o.capacity()).isEqualTo(40);
        assertThat(o.occupied()).isZero();
        assertThat(o.free()).isEqualTo(40);
        assertThat(o.status()).isEqualTo(LotStatus.OPEN);
        assertThat(o.updatedAt()).isEqualTo(T0);
        assertThat(o.version()).isEqualTo(1);
    }

    @Test
    void unknownLotReadsAsEmptyOptionalAndRefusesChanges() {
        assertThat(join(store.findOccupancy("never-registered"))).isEmpty();
        assertThatThrownBy(() -> apply("never-registered", entry("e1", "沪A10001", 0)))
                .isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(UnregisteredLotException.class);
    }

    @Test
    void entriesAndExitsMoveTheCountAndEveryChangeBumpsTheVersion() {
        String lot = newLot(10);
        long before = read(lot).version();
        IngestionResult r = apply(lot, entry("e1", "沪A10001", 0), entry("e2", "沪A10002", 1), exit("e3", "沪A10001", 5));
        assertThat(r.outcomes()).extracting(EventOutcome::result).containsOnly(EventResult.ACCEPTED);
        assertThat(r.outcomes()).extracting(EventOutcome::flag).containsOnlyNulls();
        assertThat(r.occupancy().occupied()).isEqualTo(1);
        assertThat(r.occupancy().free()).isEqualTo(9);
        assertThat(r.occupancy().asOf()).isEqualTo(T0.plus(Duration.ofMinutes(5)));
        assertThat(r.occupancy().version()).isGreaterThan(before);
        assertThat(read(lot)).isEqualTo(r.occupancy());
    }

    @Test
    void sameEventIdCountsOnceWhateverArrivesBetween() {
        String lot = newLot(10);
        apply(lot, entry("e1", "沪A10001", 0));
        apply(lot, entry("e2", "沪A10002", 1), exit("e3", "沪A10002", 2));
        IngestionResult again = apply(lot, entry("e1", "沪A10001", 0), entry("e1", "沪A10001", 0));
        assertThat(again.outcomes())
                .extracting(EventOutcome::result)
                .containsExactly(EventResult.DUPLICATE, EventResult.DUPLICATE);
        assertThat(read(lot).occupied()).isEqualTo(1);
    }

    @Test
    void duplicateInsideOneBatchCountsOnce() {
        String lot = newLot(10);
        IngestionResult r = apply(lot, entry("e1", "沪A10001", 0), entry("e1", "沪A10001", 0));
        assertThat(r.outcomes())
                .extracting(EventOutcome::result)
                .containsExactly(EventResult.ACCEPTED, EventResult.DUPLICATE);
        assertThat(r.occupancy().occupied()).isEqualTo(1);
    }

    @Test
    void exitArrivingBeforeItsEntryNetsToZero() {
        String lot = newLot(10);
        apply(lot, entry("e0", "沪B00001", 0));
        IngestionResult early = apply(lot, exit("x1", "沪A10001", 30));
        assertThat(early.outcomes().get(0).flag()).isEqualTo(GateEventFlag.EXIT_WITHOUT_ENTRY);
        assertThat(early.occupancy().occupied()).isZero();
        IngestionResult late = apply(lot, entry("n1", "沪A10001", 10));
        assertThat(late.outcomes().get(0).flag()).isEqualTo(GateEventFlag.LATE_ENTRY);
        assertThat(late.occupancy().occupied()).isEqualTo(1);
    }

    @Test
    void countNeverGoesBelowZero() {
        String lot = newLot(10);
        IngestionResult r = apply(lot, exit("x1", "沪A10001", 1), exit("x2", "沪A10002", 2));
        assertThat(r.outcomes())
                .extracting(EventOutcome::flag)
                .containsExactly(GateEventFlag.EXIT_WITHOUT_ENTRY, GateEventFlag.EXIT_WITHOUT_ENTRY);
        assertThat(r.occupancy().occupied()).isZero();
        IngestionResult entry = apply(lot, entry("n1", "沪A10001", 0));
        assertThat(entry.outcomes().get(0).flag()).isEqualTo(GateEventFlag.STALE_ENTRY);
        assertThat(entry.occupancy().occupied()).isZero();
    }

    @Test
    void exitOfAnEarlierVisitArrivingAfterTheNextEntryIsStale() {
        String lot = newLot(10);
        apply(lot, entry("a", "沪A10001", 0));
        IngestionResult second = apply(lot, entry("c", "沪A10001", 60));
        assertThat(second.outcomes().get(0).flag()).isEqualTo(GateEventFlag.ALREADY_INSIDE);
        IngestionResult staleExit = apply(lot, exit("b", "沪A10001", 30));
        assertThat(staleExit.outcomes().get(0).flag()).isEqualTo(GateEventFlag.STALE_EXIT);
        assertThat(staleExit.occupancy().occupied()).isEqualTo(1);
    }

    @Test
    void secondExitForAPlateThatLeftChangesNothing() {
        String lot = newLot(10);
        apply(lot, entry("a", "沪A10001", 0), exit("b", "沪A10001", 10));
        IngestionResult r = apply(lot, exit("c", "沪A10001", 11));
        assertThat(r.outcomes().get(0).flag()).isEqualTo(GateEventFlag.NOT_INSIDE);
        assertThat(r.occupancy().occupied()).isZero();
    }

    @Test
    void entryIntoAFullLotIsCountedAsOverflow() {
        String lot = newLot(2);
        IngestionResult r = apply(lot, entry("a", "沪A10001", 0), entry("b", "沪A10002", 1), entry("c", "沪A10003", 2));
        assertThat(r.outcomes()).extracting(EventOutcome::flag).containsExactly(null, null, GateEventFlag.OVERFLOW);
        LotOccupancy o = r.occupancy();
        assertThat(o.occupied()).isEqualTo(3);
        assertThat(o.overflow()).isEqualTo(1);
        assertThat(o.free()).isZero();
        assertThat(o.status()).isEqualTo(LotStatus.FULL);
    }

    @Test
    void snapshotOlderThanTheStateIsNotApplied() {
        String lot = newLot(100);
        apply(lot, entry("a", "沪A10001", 20));
        Instant now = T0.plus(Duration.ofHours(1));
        SnapshotResult stale = join(store.applySnapshot(lot, 50, T0.plus(Duration.ofMinutes(10)), now));
        assertThat(stale.applied()).isFalse();
        assertThat(stale.occupancy().occupied()).isEqualTo(1);
        SnapshotResult fresh = join(store.applySnapshot(lot, 50, T0.plus(Duration.ofMinutes(30)), now));
        assertThat(fresh.applied()).isTrue();
        assertThat(read(lot).occupied()).isEqualTo(50);
        assertThat(read(lot).asOf()).isEqualTo(T0.plus(Duration.ofMinutes(30)));
    }

    @Test
    void reRegisteringWithANewCapacityKeepsTheCounts() {
        String lot = newLot(10);
        apply(lot, entry("a", "沪A10001", 0));
        LotOccupancy after = join(store.registerLot(lot, 12, T0.plus(Duration.ofHours(2))));
        assertThat(after.capacity()).isEqualTo(12);
        assertThat(after.occupied()).isEqualTo(1);
        assertThat(read(lot)).isEqualTo(after);
    }

    @Test
    void listsOnlyRegisteredLots() {
        String a = newLot(5);
        String b = newLot(6);
        Map<String, LotOccupancy> found = join(store.listOccupancy(List.of(a, "never-registered", b)));
        assertThat(found).containsOnlyKeys(a, b);
        assertThat(found.get(b).capacity()).isEqualTo(6);
    }

    /**
     * Each plate makes one visit (an entry, and for some an exit); the events arrive in a random
     * order, some twice. Whatever the order, completed visits net to zero and open ones count one.
     * A base of cars from a sensor snapshot keeps the count off its floor, where an early exit
     * could not borrow a car.
     */
    @Test
    void anyDeliveryOrderOfVisitsEndsWithTheExactCount() {
        Random random = new Random(20261129);
        for (int scenario = 0; scenario < 40; scenario++) {
            String lot = newLot(1_000);
            join(store.applySnapshot(lot, 200, T0.minus(Duration.ofMinutes(1)), T0));
            List<GateEvent> events = new ArrayList<>();
            int stillInside = 0;
            for (int car = 0; car < 30; car++) {
                String plate = "沪C" + (10000 + car);
                int enteredAt = random.nextInt(120);
                events.add(entry(lot + "-n" + car, plate, enteredAt));
                if (random.nextBoolean()) {
                    events.add(exit(lot + "-x" + car, plate, enteredAt + 1 + random.nextInt(60)));
                } else {
                    stillInside++;
                }
            }
            List<GateEvent> delivered = new ArrayList<>(events);
            delivered.addAll(events.subList(0, 10));
            Collections.shuffle(delivered, random);
            for (int from = 0; from < delivered.size(); from += 7) {
                List<GateEvent> batch = delivered.subList(from, Math.min(delivered.size(), from + 7));
                join(store.applyGateEvents(lot, batch, T0.plus(Duration.ofHours(3))));
            }
            assertThat(read(lot).occupied()).as("scenario %d", scenario).isEqualTo(200 + stillInside);
        }
    }

    // ---- every delivery order of a few visits ----

    /** Stays of the first plate and of the second (minutes after T0); one plate's stays never overlap. */
    private static final int[][] STAYS = {{10, 20}, {30, 40}, {50, 60}};

    private static final int[][] OTHER_STAYS = {{15, 25}, {35, 45}};
    /** Sets of up to 6 events are replayed in all their orders (6! = 720); larger ones in a seeded sample of as many. */
    private static final int ORDERS_PER_SET = 720;

    /**
     * The first {@code visits} stays of a plate as gate events: an entry and an exit each, except
     * that the last has no exit when {@code stillInside}.
     */
    private static List<GateEvent> visits(String tag, String plate, int[][] stays, int visits, boolean stillInside) {
        List<GateEvent> events = new ArrayList<>();
        for (int v = 0; v < visits; v++) {
            events.add(entry(tag + v + "n", plate, stays[v][0]));
            if (v < visits - 1 || !stillInside) {
                events.add(exit(tag + v + "x", plate, stays[v][1]));
            }
        }
        return events;
    }

    /** Every order of the events if there are at most {@link #ORDERS_PER_SET}, else that many seeded shuffles. */
    private static List<List<GateEvent>> orders(List<GateEvent> events, Random random) {
        int n = events.size();
        long all = LongStream.rangeClosed(1, n).reduce(1, (a, b) -> a * b);
        List<List<GateEvent>> orders = new ArrayList<>();
        if (all > ORDERS_PER_SET) {
            for (int i = 0; i < ORDERS_PER_SET; i++) {
                List<GateEvent> order = new ArrayList<>(events);
                Collections.shuffle(order, random);
                orders.add(order);
            }
            return orders;
        }
        int[] index = IntStream.range(0, n).toArray();
        do {
            orders.add(Arrays.stream(index).mapToObj(events::get).toList());
        } while (nextPermutation(index));
        return orders;
    }

    /** Steps {@code a} to the next permutation in lexicographic order; false after the last. */
    private static boolean nextPermutation(int[] a) {
        int i = a.length - 2;
        while (i >= 0 && a[i] >= a[i + 1]) {
            i--;
        }
        if (i < 0) {
            return false;
        }
        int j = a.length - 1;
        while (a[j] <= a[i]) {
            j--;
        }
        int t = a[i];
        a[i] = a[j];
        a[j] = t;
        for (int l = i + 1, r = a.length - 1; l < r; l++, r--) {
            t = a[l];
            a[l] = a[r];
            a[r] = t;
        }
        return true;
    }

    /**
     * Delivers one order to a fresh lot holding {@code base} cars from a sensor snapshot: each event
     * also resent with probability one half, somewhere after its first delivery (so the order of
     * first deliveries is the one given), in batches of one to three. Fails at once if the count
     * goes below zero after a batch or a resend is not refused as a duplicate; returns the final
     * count and the truth, the base plus the visits that have not ended.
     */
    private Replayed replay(List<GateEvent> order, int base, Random random) {
        String lot = newLot(10);
        if (base > 0) {
            join(store.applySnapshot(lot, base, T0.minus(Duration.ofMinutes(1)), T0));
        }
        List<GateEvent> delivered = new ArrayList<>(order);
        int resends = 0;
        for (GateEvent event : order) {
            if (random.nextBoolean()) {
                int first = delivered.indexOf(event);
                delivered.add(first + 1 + random.nextInt(delivered.size() - first), event);
                resends++;
            }
        }
        // each visit is an entry and at most one exit, so the visits not ended are the entries in excess
        long stillInside = order.stream()
                .mapToInt(e -> e.type() == GateEventType.ENTRY ? 1 : -1)
                .sum();
        int duplicates = 0;
        int occupied = base;
        for (int from = 0; from < delivered.size(); ) {
            int to = Math.min(delivered.size(), from + 1 + random.nextInt(3));
            IngestionResult r =
                    join(store.applyGateEvents(lot, delivered.subList(from, to), T0.plus(Duration.ofHours(3))));
            duplicates += (int) r.outcomes().stream()
                    .filter(o -> o.result() == EventResult.DUPLICATE)
                    .count();
            occupied = r.occupancy().occupied();
            assertThat(occupied)
                    .as("count after %s", describe(delivered.subList(0, to)))
                    .isNotNegative();
            from = to;
        }
        assertThat(duplicates).as("duplicates in %s", describe(delivered)).isEqualTo(resends);
        return new Replayed(delivered, occupied, base + (int) stillInside);
    }

    private record Replayed(List<GateEvent> delivered, int occupied, int truth) {

        @Override
        public String toString() {
            return occupied + " cars, not " + truth + ", after " + describe(delivered);
        }
    }

    private static String describe(List<GateEvent> events) {
        return events.stream()
                .map(e -> e.eventId() + "@" + Duration.between(T0, e.at()).toMinutes())
                .toList()
                .toString();
    }

    /**
     * Replays every order (or the sample) of each visit set and fails listing the first few wrong
     * counts. Where {@code floorMayKeepACar}, a count above the truth is allowed (and reported),
     * never one below it.
     */
    private void replayAll(List<List<GateEvent>> visitSets, int base, long seed, boolean floorMayKeepACar) {
        Random random = new Random(seed);
        List<Replayed> wrong = new ArrayList<>();
        int replayed = 0;
        int above = 0;
        long started = System.nanoTime();
        for (List<GateEvent> events : visitSets) {
            for (List<GateEvent> order : orders(events, random)) {
                Replayed r = replay(order, base, random);
                replayed++;
                above += r.occupied() > r.truth() ? 1 : 0;
                if (r.occupied() < r.truth() || (r.occupied() > r.truth() && !floorMayKeepACar)) {
                    wrong.add(r);
                }
            }
        }
        System.out.printf(
                "%s: %d orders of %d visit sets, base %d: %d wrong, %d above the truth, %d ms%n",
                getClass().getSimpleName(),
                replayed,
                visitSets.size(),
                base,
                wrong.size(),
                above,
                (System.nanoTime() - started) / 1_000_000);
        assertThat(replayed).as("orders replayed").isGreaterThan(visitSets.size());
        assertThat(wrong)
                .as(
                        "%d of %d orders with a base of %d went wrong, the first: %s",
                        wrong.size(), replayed, base, wrong.subList(0, Math.min(5, wrong.size())))
                .isEmpty();
    }

    /**
     * One plate makes one to three visits, the last perhaps not ended: every order of their events,
     * with resends, ends with the exact count, in an empty lot (where the count meets its floor) and
     * in one with cars already inside.
     */
    @Test
    void everyDeliveryOrderOfOnePlatesVisitsEndsWithTheExactCount() {
        List<List<GateEvent>> sets = new ArrayList<>();
        for (int n = 1; n <= STAYS.length; n++) {
            sets.add(visits("P", "沪A10001", STAYS, n, false));
            sets.add(visits("P", "沪A10001", STAYS, n, true));
        }
        replayAll(sets, 0, 20261201L, false);
        replayAll(sets, 2, 20261202L, false);
    }

    /**
     * Two plates make one or two visits each, the last of each perhaps not ended: every order of
     * their events (a seeded sample of those with more than six), with resends, ends with the
     * exact count in a lot with two cars already inside, enough that the count never meets its
     * floor. In an empty lot it never ends below the truth, but it may end one car above it: one
     * plate's exit without entry took the other's car off the count, the other then left with the
     * count at zero, and the late entry puts back a car that is not there (see {@link PresenceRules}).
     */
    @Test
    void everyDeliveryOrderOfTwoPlatesVisitsEndsWithTheExactCount() {
        List<List<GateEvent>> sets = new ArrayList<>();
        for (int n = 1; n <= 2; n++) {
            for (boolean open : List.of(false, true)) {
                for (int m = 1; m <= 2; m++) {
                    for (boolean otherOpen : List.of(false, true)) {
                        List<GateEvent> events = new ArrayList<>(visits("P", "沪A10001", STAYS, n, open));
                        events.addAll(visits("Q", "沪B20002", OTHER_STAYS, m, otherOpen));
                        sets.add(events);
                    }
                }
            }
        }
        replayAll(sets, 2, 20261204L, false);
        replayAll(sets, 0, 20261203L, true);
    }

    @Test
    void concurrentWritersToOneLotEndWithExactCounts() throws Exception {
        String lot = newLot(10_000);
        int writers = 8;
        int carsPerWriter = 100;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                done.add(pool.submit(() -> {
                    for (int car = 0; car < carsPerWriter; car++) {
                        String plate = "沪D" + writer + String.format("%04d", car);
                        List<GateEvent> batch = new ArrayList<>();
                        batch.add(entry("w" + writer + "-n" + car, plate, car));
                        if (car % 2 == 0) {
                            batch.add(exit("w" + writer + "-x" + car, plate, car + 1));
                        }
                        join(store.applyGateEvents(lot, batch, T0.plus(Duration.ofHours(3))));
                        // every writer also resends another writer's event: still counted once
                        join(store.applyGateEvents(
                                lot,
                                List.of(entry(
                                        "w" + ((writer + 1) % writers) + "-n" + car,
                                        "沪D" + ((writer + 1) % writers) + String.format("%04d", car),
                                        car)),
                                T0.plus(Duration.ofHours(3))));
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(read(lot).occupied()).isEqualTo(writers * carsPerWriter / 2);
    }

    // ---- holds: spaces held for allocated drivers ----

    private HoldResult hold(String lot, String plate, Instant expiresAt, Instant now) {
        return join(store.hold(new HoldRequest(HoldIds.newId(lot), lot, plate, "d1", expiresAt), now));
    }

    private static Instant minutes(int m) {
        return T0.plus(Duration.ofMinutes(m));
    }

    @Test
    void holdsAreGrantedWhileSpaceIsFreeAndRefusedWhenFull() {
        String lot = newLot(3);
        join(store.applySnapshot(lot, 1, T0, T0));
        HoldResult first = hold(lot, "沪A10001", minutes(15), T0);
        HoldResult second = hold(lot, "沪A10002", minutes(15), T0);
        HoldResult third = hold(lot, "沪A10003", minutes(15), T0);
        assertThat(first.granted()).isTrue();
        assertThat(first.hold().status()).isEqualTo(HoldStatus.HELD);
        assertThat(first.hold().expiresAt()).isEqualTo(minutes(15));
        assertThat(second.granted()).isTrue();
        assertThat(third.granted()).isFalse();
        assertThat(third.refusal()).isEqualTo(LotStatus.FULL);
        LotOccupancy o = read(lot);
        assertThat(o.held()).isEqualTo(2);
        assertThat(o.free()).isZero();
        assertThat(o.status()).isEqualTo(LotStatus.FULL);
    }

    @Test
    void reservedSpacesAreWithheldFromThePublicAndAClosedLotGrantsNoHold() {
        String lot = newLot(10);
        join(store.applySnapshot(lot, 5, T0, T0));
        LotOccupancy configured = join(store.configureLot(lot, false, 4, T0));
        assertThat(configured.reserved()).isEqualTo(4);
        assertThat(configured.free()).isEqualTo(1);
        HoldResult last = hold(lot, "沪A10001", minutes(15), T0);
        assertThat(last.granted()).isTrue();
        HoldResult full = hold(lot, "沪A10002", minutes(15), T0);
        assertThat(full.refusal()).isEqualTo(LotStatus.FULL);
        LotOccupancy closed = join(store.configureLot(lot, true, 4, T0));
        assertThat(closed.status()).isEqualTo(LotStatus.CLOSED);
        assertThat(closed.held()).as("nobody is sent into a closed lot").isZero();
        assertThat(join(store.findHold(last.hold().id(), T0)).orElseThrow().status())
                .isEqualTo(HoldStatus.CANCELLED);
        join(store.configureLot(lot, true, 0, T0));
        assertThat(hold(lot, "沪A10003", minutes(15), T0).refusal()).isEqualTo(LotStatus.CLOSED);
        LotOccupancy reopened = join(store.configureLot(lot, false, 0, T0));
        assertThat(reopened.status()).isEqualTo(LotStatus.OPEN);
        assertThat(reopened.free()).isEqualTo(5);
        assertThat(read(lot)).isEqualTo(reopened);
    }

    @Test
    void reservingSpacesCancelsTheNewestHoldsThatNoLongerFit() {
        String lot = newLot(10);
        join(store.applySnapshot(lot, 4, T0, T0));
        List<HoldResult> holds = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            holds.add(hold(lot, "沪R1000" + i, T0.plusSeconds(600 + i), T0));
        }
        LotOccupancy reserved = join(store.configureLot(lot, false, 3, T0));
        assertThat(reserved.held()).isEqualTo(3);
        assertThat(reserved.free()).isZero();
        List<HoldStatus> statuses = holds.stream()
                .map(h -> join(store.findHold(h.hold().id(), T0)).orElseThrow().status())
                .toList();
        assertThat(statuses).containsExactly(HoldStatus.HELD, HoldStatus.HELD, HoldStatus.HELD, HoldStatus.CANCELLED);
        assertThat(join(store.configureLot(lot, false, 3, T0)).held())
                .as("nothing more when it fits")
                .isEqualTo(3);
    }

    @Test
    void aLotInOverflowGrantsNoHold() {
        String lot = newLot(2);
        join(store.applySnapshot(lot, 3, T0, T0));
        assertThat(hold(lot, "沪A10001", minutes(15), T0).granted()).isFalse();
        assertThat(read(lot).held()).isZero();
    }

    @Test
    void concurrentHoldsNeverPromiseASpaceTwice() throws Exception {
        String lot = newLot(50);
        join(store.applySnapshot(lot, 13, T0, T0));
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<HoldResult>> attempts = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                String plate = "沪H" + (10000 + i);
                attempts.add(pool.submit(() -> hold(lot, plate, minutes(15), T0)));
            }
            int granted = 0;
            for (Future<HoldResult> attempt : attempts) {
                granted += attempt.get().granted() ? 1 : 0;
            }
            assertThat(granted).isEqualTo(37);
        } finally {
            pool.shutdownNow();
        }
        assertThat(read(lot).held()).isEqualTo(37);
        assertThat(read(lot).occupied() + read(lot).held()).isEqualTo(50);
    }

    @Test
    void theEntryOfAHeldPlateFulfilsTheHoldInOneStepAndCountsOnce() {
        String lot = newLot(10);
        Hold held = hold(lot, "沪A10001", minutes(15), T0).hold();
        IngestionResult entry = join(store.applyGateEvents(lot, List.of(entry("e1", "沪A 10001", 5)), minutes(5)));
        assertThat(entry.outcomes().get(0).flag()).isEqualTo(GateEventFlag.FULFILLED_HOLD);
        assertThat(entry.occupancy().held()).isZero();
        assertThat(entry.occupancy().occupied()).isEqualTo(1);
        IngestionResult again = join(store.applyGateEvents(lot, List.of(entry("e1", "沪A10001", 5)), minutes(6)));
        assertThat(again.outcomes().get(0).result()).isEqualTo(EventResult.DUPLICATE);
        assertThat(read(lot).occupied()).isEqualTo(1);
        assertThat(read(lot).held()).isZero();
        Hold fulfilled = join(store.findHold(held.id(), minutes(6))).orElseThrow();
        assertThat(fulfilled.status()).isEqualTo(HoldStatus.FULFILLED);
        assertThat(fulfilled.endedAt()).isEqualTo(minutes(5));
    }

    @Test
    void anEntryAfterExpiryIsAnOrdinaryEntry() {
        String lot = newLot(10);
        Hold held = hold(lot, "沪A10001", minutes(1), T0).hold();
        IngestionResult late = join(store.applyGateEvents(lot, List.of(entry("e1", "沪A10001", 2)), minutes(2)));
        assertThat(late.outcomes().get(0).flag()).isNull();
        assertThat(late.occupancy().occupied()).isEqualTo(1);
        assertThat(late.occupancy().held()).isZero();
        assertThat(join(store.findHold(held.id(), minutes(2))).orElseThrow().status())
                .isEqualTo(HoldStatus.EXPIRED);
    }

    @Test
    void cancellingFreesTheSpaceAtOnceAndAgainChangesNothing() {
        String lot = newLot(1);
        Hold held = hold(lot, "沪A10001", minutes(15), T0).hold();
        assertThat(read(lot).free()).isZero();
        Hold cancelled =
                join(store.endHold(held.id(), HoldStatus.CANCELLED, minutes(1))).orElseThrow();
        assertThat(cancelled.status()).isEqualTo(HoldStatus.CANCELLED);
        assertThat(read(lot).held()).isZero();
        assertThat(read(lot).free()).isEqualTo(1);
        Hold again =
                join(store.endHold(held.id(), HoldStatus.CANCELLED, minutes(2))).orElseThrow();
        assertThat(again.endedAt()).isEqualTo(minutes(1));
        assertThat(hold(lot, "沪A10002", minutes(15), minutes(2)).granted()).isTrue();
    }

    @Test
    void expiredHoldsAreListedForTheSweeperAndFreedOnlyOnceDue() {
        String lot = newLot(5);
        Hold held = hold(lot, "沪A10001", minutes(10), T0).hold();
        assertThat(join(store.endHold(held.id(), HoldStatus.EXPIRED, minutes(5)))
                        .orElseThrow()
                        .status())
                .isEqualTo(HoldStatus.HELD);
        assertThat(join(store.listExpiredHolds(minutes(5), 100))).doesNotContain(held.id());
        assertThat(join(store.listExpiredHolds(minutes(10), 100))).contains(held.id());
        Hold expired =
                join(store.endHold(held.id(), HoldStatus.EXPIRED, minutes(10))).orElseThrow();
        assertThat(expired.status()).isEqualTo(HoldStatus.EXPIRED);
        assertThat(read(lot).held()).isZero();
        assertThat(join(store.listExpiredHolds(minutes(11), 100))).doesNotContain(held.id());
    }

    @Test
    void refusedHoldsDoNotLingerInTheExpiryIndex() {
        String lot = newLot(0);
        HoldRequest refused = new HoldRequest(HoldIds.newId(lot), lot, "沪A10001", "d1", minutes(1));
        assertThat(join(store.hold(refused, T0)).granted()).isFalse();
        assertThat(join(store.listExpiredHolds(minutes(2), 100))).contains(refused.holdId());
        assertThat(join(store.endHold(refused.holdId(), HoldStatus.EXPIRED, minutes(2))))
                .isEmpty();
        assertThat(join(store.listExpiredHolds(minutes(2), 100))).doesNotContain(refused.holdId());
    }

    @Test
    void aSecondHoldForThePlateInTheSameLotReplacesTheFirst() {
        String lot = newLot(5);
        Hold first = hold(lot, "沪A10001", minutes(15), T0).hold();
        Hold second = hold(lot, "沪A10001", minutes(15), minutes(1)).hold();
        assertThat(read(lot).held()).isEqualTo(1);
        assertThat(join(store.findHold(first.id(), minutes(1))).orElseThrow().status())
                .isEqualTo(HoldStatus.CANCELLED);
        assertThat(join(store.findHold(second.id(), minutes(1))).orElseThrow().status())
                .isEqualTo(HoldStatus.HELD);
    }

    @Test
    void aPlatesCurrentHoldIsSwappedAndClearedOnlyByItsOwnId() {
        String plate = "沪P" + LOTS.incrementAndGet();
        assertThat(join(store.swapPlateHold(plate, "a.aaaaaaaaaaaaaaaa", minutes(15), T0)))
                .isEmpty();
        assertThat(join(store.swapPlateHold(plate, "b.bbbbbbbbbbbbbbbb", minutes(15), T0)))
                .contains("a.aaaaaaaaaaaaaaaa");
        join(store.clearPlateHold(plate, "a.aaaaaaaaaaaaaaaa"));
        assertThat(join(store.swapPlateHold(plate, "c.cccccccccccccccc", minutes(15), T0)))
                .contains("b.bbbbbbbbbbbbbbbb");
        join(store.clearPlateHold(plate, "c.cccccccccccccccc"));
        assertThat(join(store.swapPlateHold(plate, "d.dddddddddddddddd", minutes(15), T0)))
                .isEmpty();
    }

    @Test
    void aDriversPlatesAreCountedUpToTheCapUntilReleasedOrLapsed() {
        String driver = "driver-" + LOTS.incrementAndGet();
        assertThat(join(store.claimDriverPlate(driver, "沪R1", minutes(15), 2, T0)))
                .isTrue();
        assertThat(join(store.claimDriverPlate(driver, "沪R2", minutes(5), 2, T0)))
                .isTrue();
        assertThat(join(store.claimDriverPlate(driver, "沪R3", minutes(15), 2, T0)))
                .as("a third plate is over the cap")
                .isFalse();
        assertThat(join(store.claimDriverPlate(driver, "沪R1", minutes(20), 2, T0)))
                .as("a plate already counted is a replacement, not one more")
                .isTrue();
        join(store.releaseDriverPlate(driver, "沪R1"));
        assertThat(join(store.claimDriverPlate(driver, "沪R3", minutes(15), 2, minutes(1))))
                .isTrue();
        assertThat(join(store.claimDriverPlate(driver, "沪R4", minutes(30), 2, minutes(2))))
                .isFalse();
        assertThat(join(store.claimDriverPlate(driver, "沪R4", minutes(30), 2, minutes(5))))
                .as("沪R2's count lapsed with its hold")
                .isTrue();
        assertThat(join(store.claimDriverPlate("another-" + driver, "沪R5", minutes(15), 1, T0)))
                .as("counts are per driver")
                .isTrue();
    }

    @Test
    void aDriversAllocationsAreCountedPerWindow() {
        String driver = "counted-" + LOTS.incrementAndGet();
        Duration minute = Duration.ofMinutes(1);
        assertThat(join(store.countDriverAllocation(driver, T0, minute))).isEqualTo(1L);
        assertThat(join(store.countDriverAllocation(driver, T0.plusSeconds(59), minute)))
                .isEqualTo(2L);
        assertThat(join(store.countDriverAllocation("other-" + driver, T0, minute)))
                .isEqualTo(1L);
        assertThat(join(store.countDriverAllocation(driver, T0.plusSeconds(60), minute)))
                .as("a new window starts afresh")
                .isEqualTo(1L);
    }

    @Test
    void aPlatesAllocationLockIsTakenOnceAndReleasedOnlyByItsToken() {
        String plate = "沪Q" + LOTS.incrementAndGet();
        assertThat(join(store.tryLockPlate(plate, "a", Duration.ofSeconds(5)))).isTrue();
        assertThat(join(store.tryLockPlate(plate, "b", Duration.ofSeconds(5)))).isFalse();
        join(store.unlockPlate(plate, "b"));
        assertThat(join(store.tryLockPlate(plate, "b", Duration.ofSeconds(5)))).isFalse();
        join(store.unlockPlate(plate, "a"));
        assertThat(join(store.tryLockPlate(plate, "b", Duration.ofSeconds(5)))).isTrue();
        join(store.unlockPlate(plate, "b"));
        assertThat(join(store.findPlateHold(plate))).isEmpty();
    }

    // ---- time: every rule is judged on the `now` passed in, never on a store's own clock ----

    @Test
    void anEventIdIsRememberedForTheDedupeWindowPlusTheClockSkewOnThePassedClock() {
        String lot = newLot(10);
        Instant first = T0.plus(Duration.ofHours(1));
        Duration remembered = SETTINGS.dedupeWindow().plus(SETTINGS.maxClockSkew());
        join(store.applyGateEvents(lot, List.of(entry("e1", "沪A10001", 0)), first));
        IngestionResult stillKnown = join(store.applyGateEvents(
                lot, List.of(entry("e1", "沪A10001", 0)), first.plus(remembered).minusMillis(1)));
        assertThat(stillKnown.outcomes().get(0).result()).isEqualTo(EventResult.DUPLICATE);
        IngestionResult forgotten =
                join(store.applyGateEvents(lot, List.of(exit("e2", "沪A10001", 1)), first.plus(remembered)));
        assertThat(forgotten.outcomes().get(0).result())
                .as("a new id once the window has passed")
                .isEqualTo(EventResult.ACCEPTED);
        IngestionResult again =
                join(store.applyGateEvents(lot, List.of(entry("e1", "沪A10001", 0)), first.plus(remembered)));
        assertThat(again.outcomes().get(0).result())
                .as("the old id is no longer known")
                .isEqualTo(EventResult.ACCEPTED);
    }

    @Test
    void aPlateInsideIsRememberedForThePresenceMemoryOnThePassedClock() {
        String lot = newLot(10);
        Instant first = T0.plus(Duration.ofHours(1));
        join(store.applyGateEvents(lot, List.of(entry("a", "沪A10001", 0)), first));
        Instant stillKnown = first.plus(SETTINGS.presenceMemory()).minusMillis(1);
        IngestionResult repeat = join(store.applyGateEvents(
                lot, List.of(new GateEvent("b", GateEventType.ENTRY, "沪A10001", stillKnown, "g1")), stillKnown));
        assertThat(repeat.outcomes().get(0).flag()).isEqualTo(GateEventFlag.ALREADY_INSIDE);
        Instant forgotten = stillKnown.plus(SETTINGS.presenceMemory());
        IngestionResult entry = join(store.applyGateEvents(
                lot, List.of(new GateEvent("c", GateEventType.ENTRY, "沪A10001", forgotten, "g1")), forgotten));
        assertThat(entry.outcomes().get(0).flag())
                .as("a plate forgotten enters as a new visit")
                .isNull();
        assertThat(entry.occupancy().occupied()).isEqualTo(2);
    }

    /** The entry of a visit may come as late as any event still accepted, so the exit waits as long. */
    @Test
    void aCountedOutExitWaitsForItsLateEntryAsLongAsAnEventIdIsRemembered() {
        String lot = newLot(10);
        Instant exitArrived = T0.plus(Duration.ofHours(1));
        join(store.applySnapshot(lot, 3, T0, T0));
        join(store.applyGateEvents(lot, List.of(exit("x", "沪A10001", 30)), exitArrived));
        Instant late = exitArrived
                .plus(SETTINGS.dedupeWindow())
                .plus(SETTINGS.maxClockSkew())
                .minusMillis(1);
        IngestionResult entry = join(store.applyGateEvents(lot, List.of(entry("n", "沪A10001", 10)), late));
        assertThat(entry.outcomes().get(0).flag()).isEqualTo(GateEventFlag.LATE_ENTRY);
        assertThat(entry.occupancy().occupied()).isEqualTo(3);
    }

    @Test
    void endedHoldsAreReadableForTheRetentionAndThenForgottenHoweverManyEndedAtOnce() {
        String lot = newLot(40);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            ids.add(hold(lot, "沪E" + (10000 + i), minutes(15), T0).hold().id());
        }
        join(store.configureLot(lot, true, 0, T0));
        Instant lastReadable = T0.plus(Hold.RETENTION_AFTER_END).minusMillis(1);
        assertThat(ids)
                .allSatisfy(
                        id -> assertThat(join(store.findHold(id, lastReadable))).isPresent());
        Instant forgotten = T0.plus(Hold.RETENTION_AFTER_END);
        assertThat(ids)
                .as("more than one step of pruning ended at once")
                .allSatisfy(
                        id -> assertThat(join(store.findHold(id, forgotten))).isEmpty());
        assertThat(join(store.endHold(ids.get(29), HoldStatus.CANCELLED, forgotten)))
                .isEmpty();
    }

    @Test
    void holdsDueAtTheSameTimeAreListedInTheOrderOfTheirIds() {
        String lot = newLot(10);
        List<String> ids = new ArrayList<>();
        for (String random : List.of(
                "mmmmmmmmmmmmmmmm", "bbbbbbbbbbbbbbbb", "zzzzzzzzzzzzzzzz", "2222222222222222", "cccccccccccccccc")) {
            String id = lot + "." + random;
            ids.add(id);
            join(store.hold(new HoldRequest(id, lot, "沪T" + ids.size() + "0000", "d1", minutes(10)), T0));
        }
        List<String> listed = join(store.listExpiredHolds(minutes(10), 100)).stream()
                .filter(id -> id.startsWith(lot + "."))
                .toList();
        assertThat(listed).containsExactlyElementsOf(ids.stream().sorted().toList());
    }

    @Test
    void unknownOrMalformedHoldIdsAreNotFound() {
        String lot = newLot(5);
        assertThat(join(store.findHold(HoldIds.newId(lot), T0))).isEmpty();
        assertThat(join(store.findHold("not-a-hold-id", T0))).isEmpty();
        assertThat(join(store.findHold(HoldIds.newId("never-registered"), T0))).isEmpty();
        assertThat(join(store.endHold("not-a-hold-id", HoldStatus.CANCELLED, T0)))
                .isEmpty();
    }
}
