package city.parkgrid.occupancy;

import city.parkgrid.StorageUnavailableException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 * <p>{@link #compactJournal} replaces the changes of a lot whose journal has grown by a checkpoint
 * the store takes of the lot ({@link OccupancyStore#checkpointLot}); a restore puts each lot's
 * checkpoint back first and replays only the changes after it.
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
        this(store, journal, journalWrites, COMPACT_ABOVE_CHANGES);
    }

    /** @param compactAbove lots with more changes than this after their checkpoint get a new one */
    public JournaledOccupancyStore(
            OccupancyStore store, LiveJournal journal, Executor journalWrites, int compactAbove) {
        super(store);
        this.journal = journal;
        this.journalWrites = journalWrites;
        this.compactAbove = compactAbove;
    }

    private final int compactAbove;

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
    private <T> CompletionStage<T> journalled(Supplier<CompletionStage<T>> apply, Function<T, LiveChange> change) {
        return store.registrationEpoch().thenCompose(epoch -> {
            if (epoch.isEmpty()) {
                return CompletableFuture.failedFuture(new StorageUnavailableException(
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
                Map<Long, List<Pending>> byEpoch = new TreeMap<>();
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
        record Read(Map<String, LotReplay> byLot, long epoch, long readNanos) {}
        long started = System.nanoTime();
        return CompletableFuture.supplyAsync(
                        () -> {
                            Map<String, LotReplay> byLot = new LinkedHashMap<>();
                            long epoch = journal.restore(
                                    checkpoint -> byLot.computeIfAbsent(checkpoint.lotId(), id -> new LotReplay())
                                            .checkpoint = checkpoint,
                                    change -> byLot.computeIfAbsent(change.lotId(), id -> new LotReplay())
                                            .changes
                                            .add(change));
                            return new Read(byLot, epoch, System.nanoTime() - started);
                        },
                        journalWrites)
                .thenCompose(read -> {
                    // lots side by side, REPLAY_WAVE at a time: the commands in flight stay bounded,
                    // so none waits behind thousands of others past its timeout
                    List<LotReplay> lots = new ArrayList<>(read.byLot().values());
                    CompletionStage<Void> waves = inWaves(lots, REPLAY_WAVE, wave -> replayWave(wave, now));
                    long[] replayed = new long[1];
                    return waves.thenCompose(done -> {
                                replayed[0] = System.nanoTime() - started;
                                return restorePointers(lots, now);
                            })
                            .thenApply(done -> {
                                LOG.info(
                                        "journal read in {} ms ({} checkpoints, {} changes after them), replayed by {} ms,"
                                                + " holds' pointers back by {} ms",
                                        read.readNanos() / 1_000_000,
                                        lots.stream()
                                                .filter(l -> l.checkpoint != null)
                                                .count(),
                                        lots.stream()
                                                .mapToInt(l -> l.changes.size())
                                                .sum(),
                                        replayed[0] / 1_000_000,
                                        (System.nanoTime() - started) / 1_000_000);
                                return new RestoredLiveState(
                                        Set.copyOf(read.byLot().keySet()), read.epoch());
                            });
                });
    }

    private static final Logger LOG = LoggerFactory.getLogger(JournaledOccupancyStore.class);

    /** One lot's part of a restore: its checkpoint, if it has one, and the changes kept after it. */
    private static final class LotReplay {
        LotCheckpoint checkpoint;
        final List<LiveChange> changes = new ArrayList<>();
        /** The holds HELD in the checkpoint, with their expiry, once it is put back. */
        volatile Map<String, Instant> heldAtCheckpoint = Map.of();
    }

    /**
     * Runs {@code wave} over {@code items} a wave of {@code size} at a time, each wave once the one
     * before completed: the commands in flight stay bounded.
     */
    private static <T> CompletionStage<Void> inWaves(
            List<T> items, int size, Function<List<T>, CompletionStage<Void>> wave) {
        CompletionStage<Void> waves = CompletableFuture.completedFuture(null);
        for (int from = 0; from < items.size(); from += size) {
            List<T> part = items.subList(from, Math.min(items.size(), from + size));
            waves = waves.thenCompose(done -> wave.apply(part));
        }
        return waves;
    }

    /** How many lots a restore replays side by side. */
    static final int REPLAY_WAVE = 128;

    private CompletionStage<Void> replayWave(List<LotReplay> wave, Instant now) {
        List<CompletableFuture<Void>> lots = new ArrayList<>(wave.size());
        for (LotReplay lot : wave) {
            CompletionStage<Void> chain = lot.checkpoint == null
                    ? CompletableFuture.completedFuture(null)
                    : store.restoreCheckpoint(lot.checkpoint, now).thenAccept(held -> lot.heldAtCheckpoint = held);
            for (List<LiveChange> run : runs(lot.changes)) {
                chain = chain.thenCompose(done -> CompletableFuture.allOf(
                        run.stream().map(c -> replay(c).toCompletableFuture()).toArray(CompletableFuture[]::new)));
            }
            lots.add(chain.toCompletableFuture());
        }
        return CompletableFuture.allOf(lots.toArray(CompletableFuture[]::new));
    }

    /**
     * A lot's changes in runs sent to the store one after another without waiting for each reply:
     * the store applies a lot's changes in the order they are called (each is one command on one
     * connection, which Redis runs in the order sent; see {@link OccupancyStore}), which saves a
     * round trip a change. A hold ends a run and starts none (its expiry index entry is written
     * first, in a command of its own, so the grant is sent only after a reply), and the first change
     * runs alone, so that a script Redis does not know yet is loaded before the rest follow it.
     */
    private static List<List<LiveChange>> runs(List<LiveChange> changes) {
        List<List<LiveChange>> runs = new ArrayList<>();
        List<LiveChange> run = new ArrayList<>();
        for (LiveChange change : changes) {
            boolean alone = runs.isEmpty() && run.isEmpty() || change instanceof LiveChange.Held;
            if (alone) {
                if (!run.isEmpty()) {
                    runs.add(run);
                    run = new ArrayList<>();
                }
                runs.add(List.of(change));
            } else {
                run.add(change);
            }
        }
        if (!run.isEmpty()) {
            runs.add(run);
        }
        return runs;
    }

    /**
     * Lots with more changes than this after their checkpoint get a new one: a restore replays at
     * most about this many changes a lot (plus what came since the last compaction).
     */
    public static final int COMPACT_ABOVE_CHANGES = 16;

    /** The most lots one compaction checkpoints, so that a round stays short. */
    static final int COMPACT_LOTS_PER_ROUND = 512;

    /** How many lots a compaction checkpoints side by side. */
    static final int COMPACT_WAVE = 16;

    /**
     * Checkpoints the lots whose journal has grown past the changes it was given: each
     * checkpoint is taken from the store under the epoch read just before, and kept (its changes
     * dropped) only while the journal is still at that epoch, so a checkpoint of a Redis that has
     * since been lost and restored never replaces what the restore rebuilt. Any node may run it at
     * any time, several at once: the journal keeps the latest checkpoint per lot.
     */
    @Override
    public CompletionStage<Integer> compactJournal(Instant now) {
        return CompletableFuture.supplyAsync(
                        () -> journal.lotsToCompact(compactAbove, COMPACT_LOTS_PER_ROUND), journalWrites)
                .thenCompose(lots -> {
                    AtomicInteger kept = new AtomicInteger();
                    return inWaves(
                                    lots,
                                    COMPACT_WAVE,
                                    wave -> CompletableFuture.allOf(wave.stream()
                                            .map(lot -> checkpoint(lot, now)
                                                    .thenAccept(taken -> {
                                                        if (taken) {
                                                            kept.incrementAndGet();
                                                        }
                                                    })
                                                    .toCompletableFuture())
                                            .toArray(CompletableFuture[]::new)))
                            .thenApply(done -> kept.get());
                });
    }

    private CompletionStage<Boolean> checkpoint(String lotId, Instant now) {
        return store.registrationEpoch()
                .thenCompose(epoch -> epoch.isEmpty()
                        ? CompletableFuture.completedFuture(false)
                        : store.checkpointLot(lotId, now)
                                .thenCompose(taken -> taken.isEmpty()
                                        ? CompletableFuture.completedFuture(false)
                                        : CompletableFuture.supplyAsync(
                                                () -> {
                                                    journal.checkpoint(taken.get(), epoch.getAsLong());
                                                    return true;
                                                },
                                                journalWrites)));
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
     * Each plate's current hold (the latest granted of its holds still HELD, in a checkpoint or
     * granted after it) gets its plate pointer and its driver's place back, as allocation gave them.
     */
    private CompletionStage<Void> restorePointers(List<LotReplay> lots, Instant now) {
        List<CompletableFuture<Optional<Hold>>> reads = new ArrayList<>();
        for (LotReplay lot : lots) {
            lot.heldAtCheckpoint.forEach((holdId, expiresAt) -> {
                if (expiresAt.isAfter(now)) {
                    reads.add(store.findHold(holdId, now).toCompletableFuture());
                }
            });
            for (LiveChange change : lot.changes) {
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
