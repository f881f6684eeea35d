package city.parkgrid.occupancy;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Where live occupancy lives (Redis in production, memory in dev). Every method is safe to call
 * from many threads and many platform nodes at once; each change to one lot is atomic.
 *
 * <p>Implementations pass {@code OccupancyStoreContract} in the test sources.
 */
public interface OccupancyStore {

    /** Makes the lot known with its capacity (from the catalog); keeps its live counts. */
    CompletionStage<LotOccupancy> registerLot(String lotId, int capacity, Instant now);

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

    /** Completes when the store answers; fails when it cannot be reached. */
    CompletionStage<Void> ping();
}
