package city.parkgrid.occupancy.memory;

import city.parkgrid.occupancy.LiveChange;
import city.parkgrid.occupancy.LiveJournal;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Consumer;

/**
 * The live journal in this JVM's memory, for fast tests of the journal's use. Thread-safe: the
 * epoch's check and move are under one lock, as PostgreSQL's row lock serialises them there.
 */
public final class InMemoryLiveJournal implements LiveJournal {

    private record Key(String lotId, long version) {}

    private final ConcurrentSkipListMap<Key, LiveChange> changes =
            new ConcurrentSkipListMap<>(Comparator.comparing(Key::lotId).thenComparingLong(Key::version));

    private long epoch = 0;

    @Override
    public void append(LiveChange change) {
        changes.putIfAbsent(new Key(change.lotId(), change.version()), change);
    }

    @Override
    public synchronized void appendAll(List<LiveChange> kept, long fencedUnder) {
        if (fencedUnder != epoch) {
            throw new EpochMovedOnException(fencedUnder, epoch);
        }
        kept.forEach(this::append);
    }

    @Override
    public void replay(Consumer<LiveChange> into) {
        changes.values().forEach(into);
    }

    @Override
    public synchronized long restore(Consumer<LiveChange> into) {
        epoch++;
        replay(into);
        return epoch;
    }

    @Override
    public synchronized long epoch() {
        return epoch;
    }

    @Override
    public boolean isEmpty() {
        return changes.isEmpty();
    }
}
