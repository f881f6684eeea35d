package city.parkgrid.occupancy;

import city.parkgrid.StorageUnavailableException;
import java.util.List;
import java.util.function.Consumer;

/**
 * Where the changes to live occupancy are kept durably (PostgreSQL in {@code serve}), so that a
 * Redis that lost its data can be rebuilt ({@link JournaledOccupancyStore}). Blocking; thread-safe.
 *
 * <p>The journal has an epoch, which each restore moves on in the same transaction that reads the
 * changes to replay. A change is kept under the epoch its node found in the store before making it
 * ({@link #appendAll(List, long)}): once a restore has read the journal, a change made in the Redis
 * that was lost, whose row had not committed yet, is refused rather than acknowledged and missed.
 */
public interface LiveJournal {

    /**
     * Keeps the change. A change with the version of one already kept is dropped: it changed nothing
     * (a batch of duplicates), and replaying either gives the same state.
     */
    void append(LiveChange change);

    /** Keeps the changes in one transaction (each as {@link #append} would), whatever the epoch. */
    default void appendAll(List<LiveChange> changes) {
        changes.forEach(this::append);
    }

    /**
     * Keeps the changes in one transaction, as {@link #appendAll(List)} would, if the journal is
     * still at {@code epoch}; otherwise keeps none of them and throws {@link EpochMovedOnException}.
     * A restore that begins meanwhile waits for this transaction, and so replays its changes.
     */
    void appendAll(List<LiveChange> changes, long epoch);

    /** Every change kept, each lot's in version order (lots one after another). */
    void replay(Consumer<LiveChange> into);

    /**
     * Begins a restore: moves the epoch on, so that no change made under the one before is kept
     * from now on, and, in the same transaction, hands over each lot's checkpoint (if it has one)
     * and the changes kept after it, each lot's in version order (lots one after another).
     * Answers the new epoch, which the restored store is marked with.
     */
    long restore(Consumer<LotCheckpoint> checkpoints, Consumer<LiveChange> changes);

    /**
     * Keeps the checkpoint as its lot's if it is later than the one kept, and drops the lot's
     * changes it covers (those at or before its version), if the journal is still at {@code epoch}
     * (the epoch the store was at when the checkpoint was taken); otherwise keeps nothing and throws
     * {@link EpochMovedOnException}. A change at or before the checkpoint's version that commits
     * later is kept but never replayed: the checkpoint holds it.
     */
    void checkpoint(LotCheckpoint checkpoint, long epoch);

    /** Lots with more than {@code aboveChanges} changes kept after their checkpoint, at most {@code limit}. */
    List<String> lotsToCompact(int aboveChanges, int limit);

    /** The epoch the journal is at. */
    long epoch();

    /** Whether nothing was ever kept, change or checkpoint: a live state never started, rather than one lost. */
    boolean isEmpty();

    /**
     * The journal moved on to another epoch (a restore read it) since the change's node found its
     * epoch in the store: the change was made in a live state that has been replaced, and is not
     * acknowledged. Sending it again is safe (503 with Retry-After).
     */
    final class EpochMovedOnException extends StorageUnavailableException {
        public EpochMovedOnException(long fencedUnder, long current) {
            super(
                    "Redis",
                    "the live state was restored from the journal (epoch " + fencedUnder + " -> " + current
                            + ") while this change was being recorded; it was not kept, retry",
                    null);
        }
    }
}
