package city.parkgrid.history;

import java.time.Instant;
import java.util.List;

/**
 * A parking unit's history in buckets: the sums over the lots that are in the unit now of each
 * lot's bucket (its mean occupied and held, its latest capacity). Buckets in which none of its lots
 * has a sample are left out.
 */
public record ZoneHistory(String zoneId, HistoryRange range, List<Bucket> buckets) {

    /**
     * @param lots how many of the unit's lots have a sample in the bucket (the sums are over those)
     */
    public record Bucket(Instant at, int lots, double occupiedMean, double heldMean, long capacity) {}
}
