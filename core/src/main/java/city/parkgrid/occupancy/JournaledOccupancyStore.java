package city.parkgrid.occupancy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * Live occupancy whose every change is also kept in a durable {@link LiveJournal}, so that a store
 * that loses its data (Redis flushed, or restarted without persistence) is rebuilt exactly
 * (docs/DECISIONS.md, "Live state survives losing Redis"). A change is applied to the store first
 * and journalled before the caller hears of it: what a caller was told was done is in the journal.
 * The journal is keyed by the lot's version the change produced, which is the order the store
 * applied the lot's changes in whichever node made them. A batch of duplicates or a stale reading
 * changed nothing and is not journalled: it shares the version of the change before it, and its row
 * could otherwise be the one (lot, version) keeps while that change's own row is dropped; nor is a
 * registration or configuration that changed nothing (the store says so: {@link
 * OccupancyStore#registerLotChange}). Each change is kept under the registration epoch read just
 * before it was made, and refused if a restore read the journal meanwhile (see {@link LiveJournal}).
 *
 * <p>{@link #restoreLiveState} replays each lot's changes in that order through the store, with the
 * {@code now} each was judged on: since every rule of the store is judged on {@code now} and the
 * call's arguments (occupancy.lua: "one clock decides"), the replay leaves each lot as it was —
 * counts, closures, reserved spaces, holds, the event ids it remembers (so a resend of an event
 * acknowledged before the loss is a duplicate after it) and the plates inside. What lies outside
 * the lots, every current hold's plate pointer and its driver's place, is derived from the holds
 * still HELD; the expiry index is rebuilt by the replayed holds themselves. Plate locks and the
 * drivers' allocation counts are leases of seconds and are not kept.
 *
 * <p>Journal appends block and run on {@code journalWrites}, never on the caller's thread.
 * Thread-safe as the store and the journal are.
 */
public final class JournaledOccupancyStore extends ForwardingOccupancyStore {

    private final LiveJournal journal;
    private final Executor journalWrites;

    public JournaledOccupancyStore(OccupancyStore store, LiveJournal journal, Executor journalWrites) {
        super(store);
        this.journal = journal;
        this.journalWrites = journalWrites;
    }

    /** The most changes one journal transaction takes. */
    static final int MAX_GROUP = 500;

    private record Pending(LiveChange change, long epoch, CompletableFuture<Void> kept) {}

    private final ConcurrentLinkedQueue<Pending> pending = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean draining = new AtomicBoolean();

    /**
     * The change, applied under the registration epoch read just before it, and its result once
     * its row is in the journal under that epoch. With no epoch (the store lost its data) the
     * change is refused before it reaches the store.
     */
    private <T> CompletionStage<T> journalled(
            java.util.function.Supplier<CompletionStage<T>> apply, Function<T, LiveChange> change) {
        return store.registrationEpoch().thenCompose(epoch -> {
            if (epoch.isEmpty()) {
                return CompletableFuture.failedFuture(new city.parkgrid.StorageUnavailableException(
                        "Redis",
                        "it lost the live state, which is being restored from the journal; retry shortly",
                        null));
            }
            return apply.get().thenCompose(result -> {
                LiveChange entry = change.apply(result);
                if (entry == null) {
                    return CompletableFuture.completedFuture(result);
                }
                CompletableFuture<Void> kept = new CompletableFuture<>();
                pending.add(new Pending(entry, epoch.getAsLong(), kept));
                drainSoon();
                return kept.thenApply(done -> result);
            });
        });
    }

    /**
     * Group commit: one writer at a time takes every change waiting (up to {@link #MAX_GROUP}) into
     * one transaction, so a busy node pays one commit for many changes and holds one connection.
     * Changes made under different epochs (a restore happened between them) go in transactions of
     * their own, so that the old epoch's refusal does not take the new one's changes with it.
     */
    private void drainSoon() {
        if (draining.compareAndSet(false, true)) {
            journalWrites.execute(this::drain);
        }
    }

    private void drain() {
        try {
            List<Pending> group = new ArrayList<>();
            while (true) {
                Pending next;
                while (group.size() < MAX_GROUP && (next = pending.poll()) != null) {
                    group.add(next);
                }
                if (group.isEmpty()) {
                    return;
                }
                Map<Long, List<Pending>> byEpoch = new java.util.TreeMap<>();
                group.forEach(p -> byEpoch.computeIfAbsent(p.epoch(), e -> new ArrayList<>())
                        .add(p));
                byEpoch.forEach((epoch, changes) -> {
                    try {
                        journal.appendAll(changes.stream().map(Pending::change).toList(), epoch);
                        changes.forEach(p -> p.kept().complete(null));
                    } catch (RuntimeException failure) {
                        changes.forEach(p -> p.kept().completeExceptionally(failure));
                    }
                });
                group.clear();
            }
        } finally {
            draining.set(false);
            if (!pending.isEmpty()) {
                drainSoon();
            }
        }
    }

    @Override
    public CompletionStage<LotOccupancy> registerLot(String lotId, int capacity, Instant now) {
        return journalled(
                        () -> store.registerLotChange(lotId, capacity, now),
                        // a registration that changed nothing claims the version of the change
                        // before it, as a batch of duplicates does (below)
                        c -> c.changed()
                                ? new LiveChange.Register(lotId, c.occupancy().version(), now, capacity)
                                : null)
                .thenApply(LotChange::occupancy);
    }

    @Override
    public CompletionStage<LotOccupancy> configureLot(String lotId, boolean closed, int reserved, Instant now) {
        return journalled(
                        () -> store.configureLotChange(lotId, closed, reserved, now),
                        c -> c.changed()
                                ? new LiveChange.Configure(lotId, c.occupancy().version(), now, closed, reserved)
                                : null)
                .thenApply(LotChange::occupancy);
    }

    @Override
    public CompletionStage<IngestionResult> applyGateEvents(String lotId, List<GateEvent> events, Instant now) {
        if (events.isEmpty()) {
            return store.applyGateEvents(lotId, events, now);
        }
        List<GateEvent> kept = List.copyOf(events);
        return journalled(
                () -> store.applyGateEvents(lotId, events, now),
                // a batch of duplicates changed nothing and produced no version of its own: its row
                // would claim the version of the change before it, which another node may be
                // committing at the same moment, and (lot, version) keeps only the first row written
                r -> r.outcomes().stream().allMatch(o -> o.result() == EventResult.DUPLICATE)
                        ? null
                        : new LiveChange.Events(lotId, r.occupancy().version(), now, kept));
    }

    @Override
    public CompletionStage<SnapshotResult> applySnapshot(String lotId, int occupied, Instant at, Instant now) {
        return journalled(
                () -> store.applySnapshot(lotId, occupied, at, now),
                // a stale reading is not applied and claims no version of its own (as duplicates above)
                r -> r.applied() ? new LiveChange.Snapshot(lotId, r.occupancy().version(), now, occupied, at) : null);
    }

    @Override
    public CompletionStage<HoldResult> hold(HoldRequest request, Instant now) {
        return journalled(
                () -> store.hold(request, now),
                r -> new LiveChange.Held(request.lotId(), r.occupancy().version(), now, request));
    }

    @Override
    public CompletionStage<Optional<Hold>> endHold(String holdId, HoldStatus endAs, Instant now) {
        return endHoldVersioned(holdId, endAs, now).thenApply(EndedHold::hold);
    }

    @Override
    public CompletionStage<EndedHold> endHoldVersioned(String holdId, HoldStatus endAs, Instant now) {
        return journalled(
                () -> store.endHoldVersioned(holdId, endAs, now),
                r -> r.hold().isEmpty() || r.lotVersion() < 0
                        ? null
                        : new LiveChange.Ended(r.hold().get().lotId(), r.lotVersion(), now, holdId, endAs));
    }

    /**
     * Replays the journal into the store (see the class comment) and answers the lots it rebuilt.
     * Each lot's changes run one after another; the lots run side by side.
     */
    @Override
    public CompletionStage<RestoredLiveState> restoreLiveState(Instant now) {
        record Read(Map<String, List<LiveChange>> byLot, long epoch) {}
        return CompletableFuture.supplyAsync(
                        () -> {
                            Map<String, List<LiveChange>> byLot = new LinkedHashMap<>();
                            long epoch = journal.restore(
                                    change -> byLot.computeIfAbsent(change.lotId(), id -> new ArrayList<>())
                                            .add(change));
                            return new Read(byLot, epoch);
                        },
                        journalWrites)
                .thenCompose(read -> {
                    // lots side by side, REPLAY_WAVE at a time: the commands in flight stay bounded,
                    // so none waits behind thousands of others past its timeout
                    List<List<LiveChange>> lots = new ArrayList<>(read.byLot().values());
                    CompletionStage<Void> waves = CompletableFuture.completedFuture(null);
                    for (int from = 0; from < lots.size(); from += REPLAY_WAVE) {
                        List<List<LiveChange>> wave = lots.subList(from, Math.min(lots.size(), from + REPLAY_WAVE));
                        waves = waves.thenCompose(done -> replayWave(wave));
                    }
                    return waves.thenCompose(
                                    done -> restorePointers(read.byLot().values(), now))
                            .thenApply(done -> new RestoredLiveState(
                                    Set.copyOf(read.byLot().keySet()), read.epoch()));
                });
    }

    /** How many lots a restore replays side by side. */
    static final int REPLAY_WAVE = 128;

    private CompletionStage<Void> replayWave(List<List<LiveChange>> wave) {
        List<CompletableFuture<Void>> lots = new ArrayList<>(wave.size());
        for (List<LiveChange> changes : wave) {
            CompletionStage<Void> chain = CompletableFuture.completedFuture(null);
            for (LiveChange change : changes) {
                chain = chain.thenCompose(done -> replay(change));
            }
            lots.add(chain.toCompletableFuture());
        }
        return CompletableFuture.allOf(lots.toArray(CompletableFuture[]::new));
    }

    private CompletionStage<Void> replay(LiveChange change) {
        CompletionStage<?> replayed;
        if (change instanceof LiveChange.Register r) {
            replayed = store.registerLot(r.lotId(), r.capacity(), r.now());
        } else if (change instanceof LiveChange.Configure r) {
            replayed = store.configureLot(r.lotId(), r.closed(), r.reserved(), r.now());
        } else if (change instanceof LiveChange.Events r) {
            replayed = store.applyGateEvents(r.lotId(), r.events(), r.now());
        } else if (change instanceof LiveChange.Snapshot r) {
            replayed = store.applySnapshot(r.lotId(), r.occupied(), r.at(), r.now());
        } else if (change instanceof LiveChange.Held r) {
            replayed = store.hold(r.request(), r.now());
        } else {
            LiveChange.Ended r = (LiveChange.Ended) change;
            replayed = store.endHold(r.holdId(), r.endAs(), r.now());
        }
        return replayed.thenAccept(result -> {});
    }

    /**
     * Each plate's current hold (the latest granted of its holds still HELD) gets its plate pointer
     * and its driver's place back, as allocation gave them.
     */
    private CompletionStage<Void> restorePointers(Collection<List<LiveChange>> byLot, Instant now) {
        List<CompletableFuture<Optional<Hold>>> reads = new ArrayList<>();
        for (List<LiveChange> changes : byLot) {
            for (LiveChange change : changes) {
                if (change instanceof LiveChange.Held held
                        && held.request().expiresAt().isAfter(now)) {
                    reads.add(store.findHold(held.request().holdId(), now).toCompletableFuture());
                }
            }
        }
        return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).thenCompose(read -> {
            Map<String, Hold> current = new HashMap<>();
            for (CompletableFuture<Optional<Hold>> r : reads) {
                r.join()
                        .filter(h -> h.status() == HoldStatus.HELD)
                        .ifPresent(h -> current.merge(
                                h.plate(), h, (a, b) -> a.createdAt().isAfter(b.createdAt()) ? a : b));
            }
            List<CompletableFuture<?>> writes = new ArrayList<>();
            for (Hold h : current.values()) {
                writes.add(store.swapPlateHold(h.plate(), h.id(), h.expiresAt(), now)
                        .toCompletableFuture());
                writes.add(store.claimDriverPlate(h.driverId(), h.plate(), h.expiresAt(), Integer.MAX_VALUE, now)
                        .toCompletableFuture());
            }
            return CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new));
        });
    }
}
