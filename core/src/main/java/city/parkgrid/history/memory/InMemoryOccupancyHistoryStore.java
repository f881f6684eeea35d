package city.parkgrid.history.memory;

import city.parkgrid.history.LotChange;
import city.parkgrid.history.OccupancyHistoryStore;
import city.parkgrid.history.OccupancySample;
import city.parkgrid.history.StepWrite;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * History in this JVM, for {@code dev}, fast tests and the simulator; nothing persists. One lock
 * makes each write atomic, as PostgreSQL's transaction does. Same contract as the PostgreSQL store.
 */
public final class InMemoryOccupancyHistoryStore implements OccupancyHistoryStore {

    private final Map<String, NavigableMap<Instant, OccupancySample>> samples = new HashMap<>();
    private final Map<String, NavigableMap<Instant, LotChange>> changes = new HashMap<>();

    @Override
    public synchronized StepWrite recordStep(Instant step, List<OccupancySample> batch) {
        int written = 0;
        int changed = 0;
        for (OccupancySample sample : batch) {
            requireAt(step, sample);
            if (samples.computeIfAbsent(sample.lotId(), k -> new TreeMap<>()).putIfAbsent(sample.at(), sample)
                    != null) {
                continue;
            }
            written++;
            NavigableMap<Instant, LotChange> lotChanges = changes.computeIfAbsent(sample.lotId(), k -> new TreeMap<>());
            Map.Entry<Instant, LotChange> before = lotChanges.lowerEntry(sample.at());
            LotChange previous = before == null ? null : before.getValue();
            if (previous == null || previous.capacity() != sample.capacity() || previous.status() != sample.status()) {
                LotChange change = new LotChange(
                        sample.lotId(),
                        sample.at(),
                        sample.capacity(),
                        sample.status(),
                        previous == null ? null : previous.capacity(),
                        previous == null ? null : previous.status());
                if (lotChanges.putIfAbsent(sample.at(), change) == null) {
                    changed++;
                }
            }
        }
        return new StepWrite(written, changed);
    }

    private static void requireAt(Instant step, OccupancySample sample) {
        if (!sample.at().equals(step) || sample.source() != OccupancySample.Source.LIVE) {
            throw new IllegalArgumentException("a step's samples are live ones at " + step + ", not " + sample);
        }
    }

    @Override
    public synchronized int importSamples(List<OccupancySample> batch) {
        int inserted = 0;
        for (OccupancySample sample : batch) {
            if (samples.computeIfAbsent(sample.lotId(), k -> new TreeMap<>()).putIfAbsent(sample.at(), sample)
                    == null) {
                inserted++;
            }
        }
        return inserted;
    }

    @Override
    public synchronized List<OccupancySample> samples(String lotId, Instant from, Instant to) {
        NavigableMap<Instant, OccupancySample> lot = samples.get(lotId);
        return lot == null || !from.isBefore(to)
                ? List.of()
                : List.copyOf(lot.subMap(from, true, to, false).values());
    }

    @Override
    public void scan(Collection<String> lotIds, Instant from, Instant to, Consumer<OccupancySample> sink) {
        for (String lotId : new LinkedHashSet<>(lotIds)) {
            samples(lotId, from, to).forEach(sink);
        }
    }

    @Override
    public synchronized List<LotChange> changes(String lotId, Instant from, Instant to) {
        NavigableMap<Instant, LotChange> lot = changes.get(lotId);
        return lot == null || !from.isBefore(to)
                ? List.of()
                : new ArrayList<>(lot.subMap(from, true, to, false).values());
    }

    @Override
    public synchronized void purgeBefore(Instant cutoff) {
        samples.values().forEach(lot -> lot.headMap(cutoff, false).clear());
        changes.values().forEach(lot -> lot.headMap(cutoff, false).clear());
    }
}
