package city.parkgrid.allocation;

import java.time.Instant;
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
     * @param arrivals each lot id with the time the driver would reach it
     * @return the outlook of the lots it could forecast (a lot left out is ranked by its live state)
     */
    CompletionStage<Map<String, Outlook>> at(Map<String, Instant> arrivals);

    /**
     * A lot at the driver's arrival.
     *
     * @param expectedFree the expected free spaces then
     * @param probabilityFree the probability of at least one free space then
     */
    record Outlook(Instant at, double expectedFree, double probabilityFree) {}
}
