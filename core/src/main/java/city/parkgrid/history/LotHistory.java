package city.parkgrid.history;

import city.parkgrid.occupancy.LotStatus;
import java.time.Instant;
import java.util.List;

/** A lot's history in buckets; buckets without a sample are left out (a gap shows as one). */
public record LotHistory(String lotId, HistoryRange range, List<Bucket> buckets) {

    /**
     * The samples of one bucket.
     *
     * @param at the bucket's start
     * @param samples how many samples it holds (one per recording step, more where an archive was denser)
     * @param occupiedMean their mean occupied, to two decimals
     * @param heldMean their mean held, to two decimals
     * @param capacity the latest sample's
     * @param status the latest sample's; null when that one was imported (archives do not say)
     */
    public record Bucket(
            Instant at,
            int samples,
            double occupiedMean,
            int occupiedMin,
            int occupiedMax,
            double heldMean,
            int capacity,
            LotStatus status) {}
}
