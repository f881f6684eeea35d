package city.parkgrid.occupancy;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Where live occupancy lives (Redis in production, memory in dev). Every method is safe to call
 * from many threads and many platform nodes at once; each change to one lot is atomic.
 *
 * <p>Changes to one lot called one after another, without waiting for the first to complete, are
 * applied in the order called — every change but {@link #hold} is sent to the store within the
 * call (a journal's restore relies on it to replay without a round trip per change).
 *
 * <p>Implementations pass {@code OccupancyStoreContract} in the test sources.
 */
public interface OccupancyStore {

    /** Makes the lot known with its capacity (from the catalog); keeps its live counts. */
    CompletionStage<LotOccupancy> registerLot(String lotId, int capacity, Instant now);

    /**
     * Sets what the lot's operator and the bureau's control decide: whether it is closed, and how
     * many spaces are withheld from the public. Holds that a closed lot or the reserved spaces no
     * longer leave room for are CANCELLED, the latest to expire first: no driver is sent there.
     */
    CompletionStage<LotOccupancy> configureLot(String lotId, boolean closed, int reserved, Instant now);

    /**
     * As {@link #registerLot}, and whether it changed the lot: one that changed nothing keeps the
     * version of the change before it, and is not journalled (its row could take that change's
     * place). Stores that can lose their data (Redis) answer from the same atomic step; this
     * default says changed, which journals every registration.
     */
    default CompletionStage<LotChange> registerLotChange(String lotId, int capacity, Instant now) {
        return registerLot(lotId, capacity, now).thenApply(o -> new LotChange(o, true));
    }

    /** As {@link #configureLot}, and whether it changed the lot (see {@link #registerLotChange}). */
    default CompletionStage<LotChange> configureLotChange(String lotId, boolean closed, int reserved, Instant now) {
        return configureLot(lotId, closed, reserved, now).thenApply(o -> new LotChange(o, true));
    }

    /** A lot after a registration or a configuration, and whether that changed it. */
    record LotChange(LotOccupancy occupancy, boolean changed) {}

    /**
     * Applies the events in order, each eventId at most once ever (within the dedupe window),
     * following {@link PresenceRules}. Events must already be validated by {@link OccupancyService}.
     */
    CompletionStage<IngestionResult> applyGateEvents(String lotId, List<GateEvent> events, Instant now);

    /** Sets the count from a sensor unless {@code at} is older than the state it would replace. */
    CompletionStage<SnapshotResult> applySnapshot(String lotId, int occupied, Instant at, Instant now);

    /** Empty for a lot never registered. */
    CompletionStage<Optional<LotOccupancy>> findOccupancy(String lotId);

    /** The registered ones among {@code lotIds}, keyed by id. */
    CompletionStage<Map<String, LotOccupancy>> listOccupancy(Collection<String> lotIds);

    /**
     * Holds one space for a driver, atomically with the check that one is free: granted only while
     * {@code occupied + held + reserved < capacity} and the lot is open, so a space is never promised twice.
     * A plate's earlier hold in the same lot is given up in the same step. Holds past their expiry
     * are expired first.
     */
    CompletionStage<HoldResult> hold(HoldRequest request, Instant now);

    /** The hold, expired first if its time has passed; empty for an unknown id. */
    CompletionStage<Optional<Hold>> findHold(String holdId, Instant now);

    /**
     * Ends a HELD hold as CANCELLED (at once) or EXPIRED (only once its time has passed), freeing
     * its space; a hold already ended is returned as it is. Empty for an unknown id.
     */
    CompletionStage<Optional<Hold>> endHold(String holdId, HoldStatus endAs, Instant now);

    /**
     * Makes {@code holdId} the plate's one current hold and returns the one it replaces, if any.
     * Holds of one plate may be in different lots; this pointer decides which one stands. The
     * pointer is kept for {@link Hold#plateHoldLifetime}, measured from the swap on the store's own
     * clock (a lease, like the plate lock: reading it needs no {@code now}, and no rule depends on
     * it lapsing, since every reader looks the hold up with its own {@code now}).
     */
    CompletionStage<Optional<String>> swapPlateHold(String plate, String holdId, Instant expiresAt, Instant now);

    /**
     * Takes the plate's allocation lock for a while, so that one plate's allocations run one after
     * another on every node. False when another holds it.
     */
    CompletionStage<Boolean> tryLockPlate(String plate, String token, Duration ttl);

    /** Releases the plate's allocation lock if {@code token} still holds it. */
    CompletionStage<Void> unlockPlate(String plate, String token);

    /** The plate's current hold id, if any (it may have ended since). */
    CompletionStage<Optional<String>> findPlateHold(String plate);

    /** Clears the plate's current hold if it is still {@code holdId}. */
    CompletionStage<Void> clearPlateHold(String plate, String holdId);

    /**
     * Counts {@code plate} among the plates the driver has spaces held for, until {@code expiresAt},
     * unless that would make more than {@code maxPlates} (false then). A plate already counted for
     * the driver is always let through (it is a replacement, not one more), its count kept until the
     * later of the two expiries. Counts past their expiry are dropped first. One atomic step per
     * driver on every node, so two requests at once cannot both take the last place.
     */
    CompletionStage<Boolean> claimDriverPlate(
            String driverId, String plate, Instant expiresAt, int maxPlates, Instant now);

    /** Stops counting {@code plate} for the driver (its hold ended or was never granted). */
    CompletionStage<Void> releaseDriverPlate(String driverId, String plate);

    /**
     * Counts one allocation asked by the driver in the fixed window of {@code window} that
     * {@code now} falls in, and returns how many the window holds now (this one included). The
     * count is shared by every node; it lapses with its window.
     */
    CompletionStage<Long> countDriverAllocation(String driverId, Instant now, Duration window);

    /** Holds whose expiry has passed (at most {@code limit}), for the expiry sweeper. */
    CompletionStage<List<String>> listExpiredHolds(Instant now, int limit);

    /**
     * Records that every catalog lot has been registered and its live state is the store's own,
     * descended from the journal's {@code epoch} (the registration epoch). A store that lost its
     * data (Redis restarted empty) loses the mark with it, and {@link #registrationEpoch} then tells
     * that the live counts are not known. A store that cannot lose its data, as the one in memory,
     * needs no mark and stays at epoch 0.
     */
    default CompletionStage<Void> markRegistered(long epoch) {
        return CompletableFuture.completedFuture(null);
    }

    /**
     * The epoch {@link #markRegistered} last recorded, empty once the store has lost what it held
     * since, or before it was ever marked. A change journalled under an epoch is kept only while the
     * journal is still at that epoch (see {@link LiveJournal#appendAll(List, long)}).
     */
    default CompletionStage<OptionalLong> registrationEpoch() {
        return CompletableFuture.completedFuture(OptionalLong.of(0));
    }

    /** False once the store has lost what it held since {@link #markRegistered}, or before it. */
    default CompletionStage<Boolean> registrationsIntact() {
        return registrationEpoch().thenApply(OptionalLong::isPresent);
    }

    /**
     * As {@link #endHold}, with the lot's version after the call (-1 for an unknown id), so that
     * the change can be journalled in the order the store applied it. Stores that can lose their
     * data (Redis) answer both from one atomic step; this default reads the version after.
     */
    default CompletionStage<EndedHold> endHoldVersioned(String holdId, HoldStatus endAs, Instant now) {
        return endHold(holdId, endAs, now)
                .thenCompose(hold -> hold.isEmpty()
                        ? CompletableFuture.completedFuture(new EndedHold(hold, -1))
                        : findOccupancy(hold.get().lotId())
                                .thenApply(o -> new EndedHold(
                                        hold, o.map(LotOccupancy::version).orElse(-1L))));
    }

    /** A hold as {@link #endHold} left it, and its lot's version after. */
    record EndedHold(Optional<Hold> hold, long lotVersion) {}

    /**
     * Takes the lock under which one node, and only one, restores a lost live state. False when
     * another holds it. A store that cannot lose its data needs no lock.
     */
    default CompletionStage<Boolean> tryLockRestore(String token, Duration ttl) {
        return CompletableFuture.completedFuture(true);
    }

    /** Releases the restore lock if {@code token} still holds it. */
    default CompletionStage<Void> unlockRestore(String token) {
        return CompletableFuture.completedFuture(null);
    }

    /**
     * Rebuilds the live state the store lost from where it was kept durably (the {@link
     * LiveJournal}), and answers the lots it rebuilt and the epoch to mark them with. Called under
     * the restore lock while the registration epoch is missing, so no other change meets it. A
     * store that keeps no journal rebuilds nothing, at epoch 0.
     */
    default CompletionStage<RestoredLiveState> restoreLiveState(Instant now) {
        return CompletableFuture.completedFuture(new RestoredLiveState(Set.of(), 0));
    }

    /** What {@link #restoreLiveState} rebuilt, and the epoch the restored state descends from. */
    record RestoredLiveState(Set<String> lots, long epoch) {}

    /**
     * Takes a checkpoint of the lot, at its version, in one atomic step; empty when the store does
     * not know the lot, is too busy to take one now, or takes none (a store that cannot lose its
     * data needs none: its journal, if any, is never replayed).
     */
    default CompletionStage<Optional<LotCheckpoint>> checkpointLot(String lotId, Instant now) {
        return CompletableFuture.completedFuture(Optional.empty());
    }

    /**
     * Puts a checkpoint this kind of store took back into the store, which lost the lot (its
     * counts, controls, holds, remembered event ids and plates, and its version, as they were), and
     * answers the holds HELD in it with their expiry, whose expiry index entries it also puts back.
     */
    default CompletionStage<Map<String, Instant>> restoreCheckpoint(LotCheckpoint checkpoint, Instant now) {
        // only a store that takes checkpoints is handed one: the journal holds what this kind took
        return CompletableFuture.failedFuture(new IllegalStateException("lot '" + checkpoint.lotId()
                + "' has a checkpoint in the journal, but this store takes none and cannot put it back"));
    }

    /**
     * Replaces the oldest changes of the lots whose journal has grown by a checkpoint each, and
     * answers how many lots it checkpointed. Nothing to do for a store that keeps no journal.
     */
    default CompletionStage<Integer> compactJournal(Instant now) {
        return CompletableFuture.completedFuture(0);
    }

    /**
     * Restores the live state if the store lost it (its registration epoch is gone), once however
     * many callers and nodes ask; completes when this node's part is done (the state may still be
     * being restored by another node). Nothing to do for a store that cannot lose its data.
     */
    default CompletionStage<Void> restoreIfLost(Instant now) {
        return CompletableFuture.completedFuture(null);
    }

    /** Completes when the store answers; fails when it cannot be reached. */
    CompletionStage<Void> ping();
}
