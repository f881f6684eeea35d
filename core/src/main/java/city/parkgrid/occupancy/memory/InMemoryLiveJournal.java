package city.parkgrid.occupancy.memory;

import city.parkgrid.occupancy.LiveChange;
import city.parkgrid.occupancy.LiveJournal;
import java.util.Comparator;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Consumer;

/** The live journal in this JVM's memory, for fast tests of the journal's use. Thread-safe. */
public final class InMemoryLiveJournal implements LiveJournal {

    private record Key(String lotId, long version) {}

    private final ConcurrentSkipListMap<Key, LiveChange> changes =
            new ConcurrentSkipListMap<>(Comparator.comparing(Key::lotId).thenComparingLong(Key::version));

    @Override
    public void append(LiveChange change) {
        changes.putIfAbsent(new Key(change.lotId(), change.version()), change);
    }

    @Override
    public void replay(Consumer<LiveChange> into) {
        changes.values().forEach(into);
    }

    @Override
    public boolean isEmpty() {
        return changes.isEmpty();
    }
}
