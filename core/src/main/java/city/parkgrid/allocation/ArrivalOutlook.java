package city.parkgrid.allocation;

import city.parkgrid.occupancy.LotOccupancy;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * What lots will look like when a driver gets there: guidance asks it for the lots it ranks when
 * the driver says where they are or when they will arrive, so that a lot that is filling fast is
 * not recommended to a driver still half an hour away. Implemented by the forecasts; a hold is
 * still the only promise.
 */
public interface ArrivalOutlook {

    /** Knows nothing ahead: guidance ranks by the live state alone. */
    ArrivalOutlook NONE = arrivals -> CompletableFuture.completedFuture(Map.of());

    /**
     * @param arrivals each lot, with its live state as guidance read it, and the time the driver
     *     would reach it
     * @return the outlook of the lots it could forecast, by lot id (a lot left out is ranked by its
     *     live state)
     */
    CompletionStage<Map<String, Outlook>> at(List<Arrival> arrivals);

    /** A lot as guidance found it now, and when the driver would get there. */
    record Arrival(LotOccupancy live, Instant at) {}

    /**
     * A lot at the driver's arrival.
     *
     * @param expectedFree the expected free spaces then
     * @param probabilityFree the probability of at least one free space then
     */
    record Outlook(Instant at, double expectedFree, double probabilityFree) {}
}
