package city.parkgrid.history;

import static org.assertj.core.api.Assertions.assertThat;

import city.parkgrid.occupancy.LotStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every OccupancyHistoryStore must do; run against memory (unit) and PostgreSQL (integration). */
public abstract class OccupancyHistoryStoreContract {

    protected abstract OccupancyHistoryStore newStore();

    protected static final Instant T0 = Instant.parse("2026-11-28T02:00:00Z");
    protected static final Duration STEP = Duration.ofMinutes(5);

    private OccupancyHistoryStore store;
    private String a;
    private String b;

    @BeforeEach
    void setUp() {
        store = newStore();
        String run = UUID.randomUUID().toString().substring(0, 8);
        a = "a-" + run;
        b = "b-" + run;
    }

    protected static OccupancySample live(String lot, Instant at, int occupied, int capacity, LotStatus status) {
        return new OccupancySample(lot, at, occupied, 1, capacity, status, OccupancySample.Source.LIVE);
    }

    private static Instant step(int k) {
        return T0.plus(STEP.multipliedBy(k));
    }

    @Test
    void aStepIsWrittenOnceWhoeverWritesItFirst() {
        StepWrite first = store.recordStep(
                step(0), List.of(live(a, step(0), 10, 100, LotStatus.OPEN), live(b, step(0), 5, 50, LotStatus.OPEN)));
        StepWrite second = store.recordStep(
                step(0), List.of(live(a, step(0), 99, 100, LotStatus.OPEN), live(b, step(0), 49, 50, LotStatus.FULL)));
        assertThat(first.written()).isEqualTo(2);
        assertThat(second).isEqualTo(new StepWrite(0, 0));
        assertThat(store.samples(a, step(0), step(1))).containsExactly(live(a, step(0), 10, 100, LotStatus.OPEN));
        assertThat(store.samples(b, step(0), step(1))).containsExactly(live(b, step(0), 5, 50, LotStatus.OPEN));
    }

    @Test
    void concurrentWritersOfTheSameStepsLeaveExactlyOneSamplePerLotAndStep() throws Exception {
        int writers = 6;
        int steps = 8;
        List<String> lots = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            lots.add(a + "-" + i);
        }
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        CyclicBarrier together = new CyclicBarrier(writers);
        try {
            List<Future<Integer>> done = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                done.add(pool.submit((Callable<Integer>) () -> {
                    int written = 0;
                    for (int k = 0; k < steps; k++) {
                        Instant at = step(k);
                        List<OccupancySample> batch = lots.stream()
                                .map(lot -> live(lot, at, writer, 100, LotStatus.OPEN))
                                .toList();
                        together.await();
                        written += store.recordStep(at, batch).written();
                    }
                    return written;
                }));
            }
            int total = 0;
            for (Future<Integer> f : done) {
                total += f.get();
            }
            assertThat(total).isEqualTo(lots.size() * steps);
        } finally {
            pool.shutdownNow();
        }
        for (String lot : lots) {
            List<OccupancySample> got = store.samples(lot, step(0), step(steps));
            assertThat(got).extracting(OccupancySample::at).containsExactlyElementsOf(steps(0, steps));
            // the first recorded state is a change; the same capacity and status after it are not
            assertThat(store.changes(lot, step(0), step(steps))).hasSize(1);
        }
    }

    private static List<Instant> steps(int from, int to) {
        List<Instant> out = new ArrayList<>();
        for (int k = from; k < to; k++) {
            out.add(step(k));
        }
        return out;
    }

    @Test
    void samplesComeOldestFirstWithinTheHalfOpenRange() {
        for (int k : new int[] {3, 0, 2, 1, 4}) {
            store.recordStep(step(k), List.of(live(a, step(k), k, 100, LotStatus.OPEN)));
        }
        store.recordStep(step(2), List.of(live(b, step(2), 7, 100, LotStatus.OPEN)));
        assertThat(store.samples(a, step(1), step(4)))
                .extracting(OccupancySample::occupied)
                .containsExactly(1, 2, 3);
        assertThat(store.samples(a, step(4), step(4))).isEmpty();
        assertThat(store.samples(a + "-none", step(0), step(9))).isEmpty();
        List<OccupancySample> scanned = new ArrayList<>();
        store.scan(List.of(b, a), step(0), step(9), scanned::add);
        assertThat(scanned).hasSize(6);
        // lot by lot, each oldest first
        List<String> order =
                scanned.stream().map(OccupancySample::lotId).distinct().toList();
        assertThat(order).containsExactlyInAnyOrder(a, b);
        for (String lot : order) {
            List<Instant> times = scanned.stream()
                    .filter(s -> s.lotId().equals(lot))
                    .map(OccupancySample::at)
                    .toList();
            assertThat(times).isSorted();
        }
        assertThat(runs(scanned.stream().map(OccupancySample::lotId).toList()))
                .as("one lot's samples are contiguous")
                .isEqualTo(2);
    }

    private static int runs(List<String> ids) {
        int runs = 0;
        String last = null;
        for (String id : ids) {
            if (!id.equals(last)) {
                runs++;
                last = id;
            }
        }
        return runs;
    }

    @Test
    void capacityAndStatusChangesAreRecordedOnceEach() {
        store.recordStep(step(0), List.of(live(a, step(0), 10, 100, LotStatus.OPEN)));
        store.recordStep(step(1), List.of(live(a, step(1), 20, 100, LotStatus.OPEN)));
        store.recordStep(step(2), List.of(live(a, step(2), 100, 100, LotStatus.FULL)));
        store.recordStep(step(2), List.of(live(a, step(2), 50, 100, LotStatus.OPEN))); // lost: changes nothing
        store.recordStep(step(3), List.of(live(a, step(3), 100, 120, LotStatus.OPEN)));
        store.recordStep(step(4), List.of(live(a, step(4), 0, 120, LotStatus.CLOSED)));
        assertThat(store.changes(a, step(0), step(9)))
                .containsExactly(
                        new LotChange(a, step(0), 100, LotStatus.OPEN, null, null),
                        new LotChange(a, step(2), 100, LotStatus.FULL, 100, LotStatus.OPEN),
                        new LotChange(a, step(3), 120, LotStatus.OPEN, 100, LotStatus.FULL),
                        new LotChange(a, step(4), 120, LotStatus.CLOSED, 120, LotStatus.OPEN));
        assertThat(store.changes(a, step(3), step(4))).hasSize(1);
    }

    @Test
    void importsKeepTheirOwnTimesAndNeverOverwrite() {
        store.recordStep(step(0), List.of(live(a, step(0), 10, 100, LotStatus.OPEN)));
        Instant odd = step(0).plusSeconds(97).plusNanos(123_456_000);
        List<OccupancySample> archive = List.of(
                OccupancySample.imported(a, step(0), 77, 100), // the live sample stays
                OccupancySample.imported(a, odd, 12, 100),
                OccupancySample.imported(b, step(1), 3, 40));
        assertThat(store.importSamples(archive)).isEqualTo(2);
        assertThat(store.importSamples(archive)).isZero();
        assertThat(store.samples(a, step(0), step(1)))
                .containsExactly(live(a, step(0), 10, 100, LotStatus.OPEN), OccupancySample.imported(a, odd, 12, 100));
        assertThat(store.samples(b, step(0), step(9))).containsExactly(OccupancySample.imported(b, step(1), 3, 40));
        assertThat(store.changes(b, step(0), step(9)))
                .as("imports record no changes")
                .isEmpty();
    }

    @Test
    void importsSpanningMonthsAndYearsAreKept() {
        Instant lastYear = Instant.parse("2025-12-31T23:59:59Z");
        Instant newYear = Instant.parse("2026-01-01T00:00:00Z");
        assertThat(store.importSamples(List.of(
                        OccupancySample.imported(a, lastYear, 1, 10), OccupancySample.imported(a, newYear, 2, 10))))
                .isEqualTo(2);
        assertThat(store.samples(a, lastYear, newYear.plusSeconds(1)))
                .extracting(OccupancySample::occupied)
                .containsExactly(1, 2);
    }

    @Test
    void purgeForgetsWhatIsOlderThanTheCutoffOnly() {
        Instant old = Instant.parse("2026-08-31T23:55:00Z");
        Instant boundary = Instant.parse("2026-09-15T00:00:00Z");
        store.recordStep(old, List.of(live(a, old, 1, 100, LotStatus.OPEN)));
        store.importSamples(List.of(OccupancySample.imported(a, boundary.minusSeconds(1), 2, 100)));
        store.recordStep(boundary, List.of(live(a, boundary, 3, 100, LotStatus.FULL)));
        store.recordStep(step(0), List.of(live(a, step(0), 4, 100, LotStatus.FULL)));
        store.purgeBefore(boundary);
        assertThat(store.samples(a, Instant.parse("2026-01-01T00:00:00Z"), step(1)))
                .extracting(OccupancySample::occupied)
                .containsExactly(3, 4);
        assertThat(store.changes(a, Instant.parse("2026-01-01T00:00:00Z"), step(1)))
                .extracting(LotChange::at)
                .containsExactly(boundary);
        store.purgeBefore(boundary); // again: nothing more to do
        // writing into the months again after a purge works (their partitions are recreated if dropped)
        store.recordStep(old, List.of(live(b, old, 5, 100, LotStatus.OPEN)));
        assertThat(store.samples(b, old, old.plusSeconds(1))).hasSize(1);
    }

    @Test
    void distinctLotsDoNotSeeEachOther() {
        Set<String> lots = new HashSet<>(List.of(a, b));
        store.recordStep(step(0), List.of(live(a, step(0), 1, 10, LotStatus.OPEN)));
        List<OccupancySample> scanned = new ArrayList<>();
        store.scan(lots, step(0), step(1), scanned::add);
        assertThat(scanned).extracting(OccupancySample::lotId).containsExactly(a);
        store.scan(List.of(), step(0), step(1), scanned::add);
        assertThat(scanned).hasSize(1);
    }
}
