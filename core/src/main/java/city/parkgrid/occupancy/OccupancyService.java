package city.parkgrid.occupancy;

import city.parkgrid.InvalidInputException;
import city.parkgrid.lots.Lot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Live occupancy as the operators feed it: checks what a store cannot judge (event times against
 * the platform's clock) and hands the rest to the {@link OccupancyStore}. Thread-safe.
 */
public final class OccupancyService {

    /** Lots registered at once by {@link #registerLots}. */
    static final int REGISTRATIONS_IN_FLIGHT = 64;

    /** The most gate events one request may carry. */
    public static final int MAX_BATCH = 1_000;

    private final OccupancyStore store;
    private final OccupancySettings settings;

    public OccupancyService(OccupancyStore store, OccupancySettings settings) {
        this.store = store;
        this.settings = settings;
    }

    /** Empty for a lot never registered. */
    public CompletionStage<Optional<LotOccupancy>> findOccupancy(String lotId) {
        return store.findOccupancy(lotId);
    }

    /** The registered ones among {@code lotIds}, keyed by id. */
    public CompletionStage<Map<String, LotOccupancy>> listOccupancy(Collection<String> lotIds) {
        return store.listOccupancy(lotIds);
    }

    /** Completes when the store answers; fails when it cannot be reached. */
    public CompletionStage<Void> ping() {
        return store.ping();
    }

    /**
     * Replaces the oldest journalled changes of the lots whose journal has grown by a checkpoint
     * each, and answers how many lots it checkpointed (0 for a store that keeps no journal).
     */
    public CompletionStage<Integer> compactJournal(Instant now) {
        return store.compactJournal(now);
    }

    /**
     * False while the store has lost its data since the mark (Redis restarted empty): no lot's
     * live state is known then.
     */
    public CompletionStage<Boolean> registrationsIntact() {
        return store.registrationsIntact();
    }

    /**
     * Restores the live state if the store lost it, once across every node (see {@link
     * SelfRegisteringOccupancyStore}); completes when this node's part is done.
     */
    public CompletionStage<Void> restoreIfLost(Instant now) {
        return store.restoreIfLost(now);
    }

    /** Makes the lot known with its capacity from the catalog (again); keeps live counts. */
    public CompletionStage<LotOccupancy> registerLot(Lot lot, Instant now) {
        return store.registerLot(lot.id(), lot.capacity(), now);
    }

    /**
     * Makes every one of {@code lots} known with its capacity from the catalog; keeps live counts.
     * Lots the store already knows with that capacity are left alone: registering them again
     * changes nothing, yet cost a script and a journal row each, so that a node restarting beside a
     * live Redis registered (and journalled) the whole city again, most of its start-up at 4,500
     * lots (issue 16). Reads and registrations go {@link #REGISTRATIONS_IN_FLIGHT} lots at a time:
     * a whole city's at once queue behind each other, and the last of 4,500 waited longer than the
     * store's command timeout.
     */
    public CompletionStage<Void> registerLots(Collection<Lot> lots, Instant now) {
        List<Lot> all = List.copyOf(lots);
        CompletableFuture<Void> registered = CompletableFuture.completedFuture(null);
        for (int from = 0; from < all.size(); from += REGISTRATIONS_IN_FLIGHT) {
            List<Lot> window = all.subList(from, Math.min(all.size(), from + REGISTRATIONS_IN_FLIGHT));
            // the reads a window at a time too: 4,500 at once on a node starting on a busy core
            // timed out (HMGET after 2 s, three nodes starting together on one CPU)
            registered = registered.thenCompose(done -> store.listOccupancy(
                            window.stream().map(Lot::id).toList())
                    .thenCompose(known -> CompletableFuture.allOf(window.stream()
                            .filter(lot -> {
                                LotOccupancy state = known.get(lot.id());
                                return state == null || state.capacity() != lot.capacity();
                            })
                            .map(lot -> store.registerLot(lot.id(), lot.capacity(), now)
                                    .toCompletableFuture())
                            .toArray(CompletableFuture[]::new))));
        }
        return registered;
    }

    /**
     * Applies a batch to one lot. Events from a gate clock too far ahead, or older than the dedupe
     * window (a resend could then count twice), are rejected; the rest are applied atomically.
     * Outcomes come back in the order of {@code events}.
     */
    public CompletionStage<IngestionResult> ingest(String lotId, List<GateEvent> events, Instant now) {
        if (events.size() > MAX_BATCH) {
            throw new IllegalArgumentException("at most " + MAX_BATCH + " events per batch");
        }
        EventOutcome[] outcomes = new EventOutcome[events.size()];
        List<GateEvent> admitted = new ArrayList<>(events.size());
        List<Integer> admittedAt = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            GateEvent event = events.get(i);
            String refusal = refusal(event.at(), now);
            if (refusal != null) {
                outcomes[i] = EventOutcome.rejected(event.eventId(), refusal);
            } else {
                admitted.add(event);
                admittedAt.add(i);
            }
        }
        return store.applyGateEvents(lotId, admitted, now).thenApply(applied -> {
            for (int k = 0; k < admittedAt.size(); k++) {
                outcomes[admittedAt.get(k)] = applied.outcomes().get(k);
            }
            return new IngestionResult(List.of(outcomes), applied.occupancy());
        });
    }

    /** The events whose times the platform accepts (the others {@link #ingest} rejects). */
    public List<GateEvent> admissible(List<GateEvent> events, Instant now) {
        return events.stream().filter(e -> refusal(e.at(), now) == null).toList();
    }

    /**
     * The most cars a sensor snapshot may report for a lot of {@code capacity}: capacity plus
     * {@code max(50, capacity / 2)}. Gates do let cars into a full lot (double-parking, queues on
     * the ramp), so a count somewhat above capacity is real; one far above it is a broken sensor
     * or a forged reading, and would distort every unit and region total it is summed into.
     */
    public static long maxSnapshot(int capacity) {
        return (long) capacity + Math.max(50, capacity / 2);
    }

    /**
     * Applies a counting-sensor snapshot. A negative count, a count above {@link #maxSnapshot} of
     * the lot's capacity or a reading from the future is refused with {@link
     * InvalidInputException}; one older than the current state is not applied.
     */
    public CompletionStage<SnapshotResult> applySnapshot(Lot lot, int occupied, Instant at, Instant now) {
        if (occupied < 0) {
            throw new InvalidInputException("occupied", "must not be negative, was " + occupied);
        }
        if (occupied > maxSnapshot(lot.capacity())) {
            throw new InvalidInputException(
                    "occupied",
                    "must be at most " + maxSnapshot(lot.capacity()) + " (capacity " + lot.capacity()
                            + " plus an overflow margin of max(50, capacity/2)), was " + occupied);
        }
        String refusal = refusal(at, now);
        if (refusal != null) {
            throw new InvalidInputException("at", refusal);
        }
        return store.applySnapshot(lot.id(), occupied, at, now);
    }

    private String refusal(Instant at, Instant now) {
        if (at.isAfter(now.plus(settings.maxClockSkew()))) {
            return "at lies more than " + settings.maxClockSkew().toMinutes()
                    + " minutes in the future; check the gate's clock";
        }
        if (at.isBefore(now.minus(settings.dedupeWindow()))) {
            return "at is older than the " + settings.dedupeWindow().toDays()
                    + "-day deduplication window, so it cannot be counted exactly once";
        }
        return null;
    }
}
