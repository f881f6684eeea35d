package city.parkgrid.occupancy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Lots' live state as this node last read it, for the reads navigation providers fan out (nearby
 * lots, a lot, guidance's candidates): such a read is answered from memory while the node's copy
 * is younger than {@code maxAge}, so a busy node sends Redis at most one read per lot per
 * {@code maxAge}, however many questions touch the lot (issue 17). The shared store stays the
 * truth: every write (a hold, a gate event, a count) goes to it atomically as before, and only
 * {@link #recent()} answers from memory.
 *
 * <p>The bound: a lot's state as {@link #recent()} gives it was read from the store no earlier
 * than {@code maxAge} before the question, so any change the store acknowledged earlier than that
 * is in it, whichever node made it. A change made through this node is seen at once: the write
 * drops the lot's copy, and a read begun before the write does not put its older answer back.
 * A write refused through this node drops every copy: it may be how the node learns that Redis
 * lost its data. Concurrent questions about a lot whose copy is missing or old share one read. A lot the store
 * does not know (lost with Redis) is kept as unknown, for no longer than a known one.
 *
 * <p>This object itself is the store for every other use: reads through it are fresh, writes drop
 * the copy. Thread-safe; never blocks.
 */
public final class RecentOccupancy extends ForwardingOccupancyStore {

    private record Copy(Optional<LotOccupancy> state, long readAtNanos) {}

    private final long maxAgeNanos;
    private final LongSupplier nanoTime;
    private final Map<String, Copy> copies = new ConcurrentHashMap<>();
    /** A lot's writes through this node so far: a read stores its answer only if none came meanwhile. */
    private final Map<String, Long> writes = new ConcurrentHashMap<>();
    /** Writes through this node that may have changed any lot (restores). */
    private final AtomicLong writesToAll = new AtomicLong();

    private final Map<String, CompletableFuture<Optional<LotOccupancy>>> reading = new ConcurrentHashMap<>();
    private final OccupancyStore recent = new Recent(this);

    public RecentOccupancy(OccupancyStore store, Duration maxAge) {
        this(store, maxAge, System::nanoTime);
    }

    RecentOccupancy(OccupancyStore store, Duration maxAge, LongSupplier nanoTime) {
        super(store);
        this.maxAgeNanos = maxAge.toNanos();
        this.nanoTime = nanoTime;
    }

    /** The same store, whose reads of lots' state are answered from copies at most {@code maxAge} old. */
    public OccupancyStore recent() {
        return recent;
    }

    /** The recent view: cached reads, every other call (writes included) through the store. */
    private static final class Recent extends ForwardingOccupancyStore {
        private final RecentOccupancy owner;

        Recent(RecentOccupancy owner) {
            super(owner);
            this.owner = owner;
        }

        @Override
        public CompletionStage<Optional<LotOccupancy>> findOccupancy(String lotId) {
            return owner.recentList(List.of(lotId)).thenApply(found -> Optional.ofNullable(found.get(lotId)));
        }

        @Override
        public CompletionStage<Map<String, LotOccupancy>> listOccupancy(Collection<String> lotIds) {
            return owner.recentList(lotIds);
        }
    }

    private CompletionStage<Map<String, LotOccupancy>> recentList(Collection<String> lotIds) {
        long now = nanoTime.getAsLong();
        Map<String, LotOccupancy> found = new HashMap<>();
        Map<String, CompletableFuture<Optional<LotOccupancy>>> awaited = new HashMap<>();
        Map<String, CompletableFuture<Optional<LotOccupancy>>> mine = new HashMap<>();
        for (String lotId : new LinkedHashSet<>(lotIds)) {
            Copy copy = copies.get(lotId);
            if (copy != null && now - copy.readAtNanos() < maxAgeNanos) {
                copy.state().ifPresent(s -> found.put(lotId, s));
                continue;
            }
            CompletableFuture<Optional<LotOccupancy>> read = new CompletableFuture<>();
            CompletableFuture<Optional<LotOccupancy>> other = reading.putIfAbsent(lotId, read);
            if (other == null) {
                mine.put(lotId, read);
                awaited.put(lotId, read);
            } else {
                awaited.put(lotId, other);
            }
        }
        if (!mine.isEmpty()) {
            read(mine);
        }
        if (awaited.isEmpty()) {
            return CompletableFuture.completedFuture(found);
        }
        return CompletableFuture.allOf(awaited.values().toArray(CompletableFuture[]::new))
                .thenApply(done -> {
                    awaited.forEach((lotId, read) -> read.join().ifPresent(s -> found.put(lotId, s)));
                    return found;
                });
    }

    /** One store read for the lots this question is the first to need; every waiter gets its answer. */
    private void read(Map<String, CompletableFuture<Optional<LotOccupancy>>> mine) {
        long readAt = nanoTime.getAsLong();
        long allBefore = writesToAll.get();
        Map<String, Long> writesBefore = new HashMap<>();
        mine.keySet().forEach(id -> writesBefore.put(id, writes.getOrDefault(id, 0L)));
        List<String> ids = new ArrayList<>(mine.keySet());
        store.listOccupancy(ids).whenComplete((states, failure) -> {
            for (String lotId : ids) {
                CompletableFuture<Optional<LotOccupancy>> read = mine.get(lotId);
                reading.remove(lotId, read);
                if (failure != null) {
                    read.completeExceptionally(failure);
                    continue;
                }
                Optional<LotOccupancy> state = Optional.ofNullable(states.get(lotId));
                keep(lotId, state, readAt, writesBefore.get(lotId), allBefore);
                read.complete(state);
            }
        });
    }

    /** Keeps a read's answer unless a write through this node came after the read began. */
    private void keep(String lotId, Optional<LotOccupancy> state, long readAt, long writesBefore, long allBefore) {
        copies.compute(lotId, (id, old) -> {
            if (writes.getOrDefault(id, 0L) != writesBefore || writesToAll.get() != allBefore) {
                return old;
            }
            return old != null && old.readAtNanos() > readAt ? old : new Copy(state, readAt);
        });
    }

    /** A write through this node: the lot's copy goes, and reads in flight will not put theirs back. */
    private <T> CompletionStage<T> wrote(String lotId, CompletionStage<T> write) {
        return write.whenComplete((result, failure) -> {
            if (failure == null) {
                forget(lotId);
            } else {
                // a refused write may be how this node learns that Redis lost its data (the
                // registration epoch is gone): no copy may then stand for a state that is not there
                forgetAll();
            }
        });
    }

    private void forget(String lotId) {
        copies.compute(lotId, (id, old) -> {
            writes.merge(id, 1L, Long::sum);
            return null;
        });
    }

    private <T> CompletionStage<T> wroteAll(CompletionStage<T> write) {
        return write.whenComplete((result, failure) -> forgetAll());
    }

    private void forgetAll() {
        writesToAll.incrementAndGet();
        copies.clear();
    }

    // writes drop the lot's copy

    @Override
    public CompletionStage<LotOccupancy> registerLot(String lotId, int capacity, Instant now) {
        return wrote(lotId, store.registerLot(lotId, capacity, now));
    }

    @Override
    public CompletionStage<LotChange> registerLotChange(String lotId, int capacity, Instant now) {
        return wrote(lotId, store.registerLotChange(lotId, capacity, now));
    }

    @Override
    public CompletionStage<LotChange> configureLotChange(String lotId, boolean closed, int reserved, Instant now) {
        return wrote(lotId, store.configureLotChange(lotId, closed, reserved, now));
    }

    @Override
    public CompletionStage<LotOccupancy> configureLot(String lotId, boolean closed, int reserved, Instant now) {
        return wrote(lotId, store.configureLot(lotId, closed, reserved, now));
    }

    @Override
    public CompletionStage<IngestionResult> applyGateEvents(String lotId, List<GateEvent> events, Instant now) {
        return wrote(lotId, store.applyGateEvents(lotId, events, now));
    }

    @Override
    public CompletionStage<SnapshotResult> applySnapshot(String lotId, int occupied, Instant at, Instant now) {
        return wrote(lotId, store.applySnapshot(lotId, occupied, at, now));
    }

    @Override
    public CompletionStage<HoldResult> hold(HoldRequest request, Instant now) {
        return wrote(request.lotId(), store.hold(request, now));
    }

    @Override
    public CompletionStage<Optional<Hold>> endHold(String holdId, HoldStatus endAs, Instant now) {
        return endedHold(holdId, store.endHold(holdId, endAs, now));
    }

    @Override
    public CompletionStage<EndedHold> endHoldVersioned(String holdId, HoldStatus endAs, Instant now) {
        return endedHold(holdId, store.endHoldVersioned(holdId, endAs, now));
    }

    private <T> CompletionStage<T> endedHold(String holdId, CompletionStage<T> write) {
        Optional<String> lotId = HoldIds.lotOf(holdId);
        return lotId.isPresent() ? wrote(lotId.get(), write) : wroteAll(write);
    }

    @Override
    public CompletionStage<RestoredLiveState> restoreLiveState(Instant now) {
        return wroteAll(store.restoreLiveState(now));
    }

    @Override
    public CompletionStage<Void> restoreIfLost(Instant now) {
        return wroteAll(store.restoreIfLost(now));
    }

    @Override
    public CompletionStage<Map<String, Instant>> restoreCheckpoint(LotCheckpoint checkpoint, Instant now) {
        return wrote(checkpoint.lotId(), store.restoreCheckpoint(checkpoint, now));
    }
}
