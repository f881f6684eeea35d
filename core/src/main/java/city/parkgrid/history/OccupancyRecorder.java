package city.parkgrid.history;

import city.parkgrid.lots.Lot;
import city.parkgrid.lots.LotCatalog;
import city.parkgrid.occupancy.LotOccupancy;
import city.parkgrid.occupancy.OccupancyService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Records every lot's live occupancy into history, one sample per lot per step. Every node runs
 * one and every node attempts every step: the store keeps the first write of each lot and step,
 * so however many nodes run there is exactly one sample, and while any one of them is up there is
 * no gap. A node that starts in the middle of a step writes that step at once (it is a no-op when
 * another node already has). The sample is the live state read when the write is made, a moment
 * after the step boundary it is filed under. Blocking (the store and the live state are read and
 * written synchronously): run it on a worker. Thread-safe.
 */
public final class OccupancyRecorder {

    /** How often the retention purge runs at most, on each node (it is idempotent). */
    static final Duration PURGE_EVERY = Duration.ofHours(1);

    private final OccupancyHistoryStore store;
    private final LotCatalog lots;
    private final OccupancyService occupancy;
    private final HistorySettings settings;
    private final Clock clock;
    /** The latest step this node has written (or seen written), so a step is attempted once per node. */
    private final AtomicReference<Instant> lastRecorded = new AtomicReference<>();

    private final AtomicReference<Instant> lastPurge = new AtomicReference<>();

    public OccupancyRecorder(
            OccupancyHistoryStore store,
            LotCatalog lots,
            OccupancyService occupancy,
            HistorySettings settings,
            Clock clock) {
        this.store = store;
        this.lots = lots;
        this.occupancy = occupancy;
        this.settings = settings;
        this.clock = clock;
    }

    public HistorySettings settings() {
        return settings;
    }

    /** The step boundary at or before {@code t}: a multiple of the step since the epoch (UTC). */
    public Instant stepOf(Instant t) {
        return stepOf(t, settings.step());
    }

    static Instant stepOf(Instant t, Duration step) {
        long seconds = step.toSeconds();
        return Instant.ofEpochSecond(Math.floorDiv(t.getEpochSecond(), seconds) * seconds);
    }

    /**
     * Writes the step the clock is in, unless this node already did; empty when nothing was due.
     * A failed write is not remembered, so the next call tries the step again.
     */
    public Optional<StepWrite> recordDue() {
        Instant step = stepOf(clock.instant());
        Instant last = lastRecorded.get();
        if (last != null && !step.isAfter(last)) {
            return Optional.empty();
        }
        StepWrite written = record(step);
        lastRecorded.accumulateAndGet(step, (a, b) -> a == null || b.isAfter(a) ? b : a);
        return Optional.of(written);
    }

    /** Reads every catalog lot's live state and writes it as the samples of {@code step}. */
    public StepWrite record(Instant step) {
        List<String> ids = lots.listLots().stream().map(Lot::id).toList();
        Map<String, LotOccupancy> states =
                occupancy.listOccupancy(ids).toCompletableFuture().join();
        List<OccupancySample> samples = new ArrayList<>(states.size());
        for (String id : ids) {
            LotOccupancy state = states.get(id);
            if (state != null) { // a lot not yet registered with live occupancy has no state to record
                samples.add(new OccupancySample(
                        id,
                        step,
                        state.occupied(),
                        state.held(),
                        state.capacity(),
                        state.status(),
                        OccupancySample.Source.LIVE));
            }
        }
        return store.recordStep(step, samples);
    }

    /**
     * Forgets what is older than the retention, at most once per {@link #PURGE_EVERY} on this node;
     * true when it ran.
     */
    public boolean purgeDue() {
        Instant now = clock.instant();
        Instant last = lastPurge.get();
        if (last != null && now.isBefore(last.plus(PURGE_EVERY))) {
            return false;
        }
        store.purgeBefore(now.minus(settings.retention()));
        lastPurge.set(now);
        return true;
    }
}
