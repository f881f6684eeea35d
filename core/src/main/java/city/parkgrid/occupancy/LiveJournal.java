package city.parkgrid.occupancy;

import java.util.function.Consumer;

/**
 * Where the changes to live occupancy are kept durably (PostgreSQL in {@code serve}), so that a
 * Redis that lost its data can be rebuilt ({@link JournaledOccupancyStore}). Blocking; thread-safe.
 */
public interface LiveJournal {

    /**
     * Keeps the change. A change with the version of one already kept is dropped: it changed nothing
     * (a batch of duplicates), and replaying either gives the same state.
     */
    void append(LiveChange change);

    /** Keeps the changes in one transaction (each as {@link #append} would). */
    default void appendAll(java.util.List<LiveChange> changes) {
        changes.forEach(this::append);
    }

    /** Every change kept, each lot's in version order (lots one after another). */
    void replay(Consumer<LiveChange> into);

    /** Whether nothing was ever kept: a live state never started, rather than one lost. */
    boolean isEmpty();
}
