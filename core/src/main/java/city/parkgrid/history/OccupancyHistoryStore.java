package city.parkgrid.history;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;

/**
 * Where occupancy history lives (PostgreSQL in {@code serve}, memory in {@code dev}): at most one
 * sample per lot and instant, whoever writes it first, however many nodes write at once. Blocking;
 * thread-safe. Implementations pass {@code OccupancyHistoryStoreContract} in the test sources.
 */
public interface OccupancyHistoryStore {

    /**
     * Writes the live samples of one step (every one {@code at == step}) in one atomic write: a
     * lot that already has a sample at {@code step} keeps it and this one is dropped. For each
     * sample written whose capacity or status differs from the lot's latest change before {@code
     * step} (or that is the lot's first), a {@link LotChange} is recorded in the same write.
     */
    StepWrite recordStep(Instant step, List<OccupancySample> samples);

    /**
     * Imports samples all or nothing: those whose lot and instant are taken keep what is stored.
     * Records no changes. Returns how many were added.
     */
    int importSamples(List<OccupancySample> samples);

    /** The lot's samples with {@code from <= at < to}, oldest first. */
    List<OccupancySample> samples(String lotId, Instant from, Instant to);

    /**
     * Hands every sample of the lots with {@code from <= at < to} to {@code sink}, lot by lot
     * (in no set order of lots), each lot's oldest first, without holding them all at once.
     */
    void scan(Collection<String> lotIds, Instant from, Instant to, Consumer<OccupancySample> sink);

    /** The lot's changes with {@code from <= at < to}, oldest first. */
    List<LotChange> changes(String lotId, Instant from, Instant to);

    /** Forgets every sample and change before {@code cutoff}. */
    void purgeBefore(Instant cutoff);
}
