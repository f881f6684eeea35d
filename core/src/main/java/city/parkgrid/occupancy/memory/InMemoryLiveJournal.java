package city.parkgrid.occupancy.memory;

import city.parkgrid.occupancy.LiveChange;
import city.parkgrid.occupancy.LiveJournal;
import city.parkgrid.occupancy.LotCheckpoint;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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

    private final Map<String, LotCheckpoint> checkpoints = new TreeMap<>();

    @Override
    public synchronized long restore(Consumer<LotCheckpoint> handOver, Consumer<LiveChange> into) {
        epoch++;
        checkpoints.values().forEach(handOver);
        changes.values().stream().filter(c -> !covered(c)).forEach(into);
        return epoch;
    }

    private boolean covered(LiveChange change) {
        LotCheckpoint checkpoint = checkpoints.get(change.lotId());
        return checkpoint != null && change.version() <= checkpoint.version();
    }

    @Override
    public synchronized void checkpoint(LotCheckpoint checkpoint, long fencedUnder) {
        if (fencedUnder != epoch) {
            throw new EpochMovedOnException(fencedUnder, epoch);
        }
        checkpoints.merge(
                checkpoint.lotId(), checkpoint, (kept, taken) -> taken.version() > kept.version() ? taken : kept);
        changes.keySet().removeIf(k -> k.lotId().equals(checkpoint.lotId()) && covered(changes.get(k)));
    }

    @Override
    public synchronized List<String> lotsToCompact(int aboveChanges, int limit) {
        Map<String, Long> after = new TreeMap<>();
        changes.values().stream().filter(c -> !covered(c)).forEach(c -> after.merge(c.lotId(), 1L, Long::sum));
        return after.entrySet().stream()
                .filter(e -> e.getValue() > aboveChanges)
                .map(Map.Entry::getKey)
                .limit(limit)
                .toList();
    }

    @Override
    public synchronized long epoch() {
        return epoch;
    }

    @Override
    public synchronized boolean isEmpty() {
        return changes.isEmpty() && checkpoints.isEmpty();
    }
}
