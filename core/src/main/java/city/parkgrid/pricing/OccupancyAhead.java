package city.parkgrid.pricing;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A lot's expected occupancy (a share of its capacity, 0–1) at times ahead: what a review on the
 * {@code forecast} basis reads instead of the recorded history. Blocking.
 */
public interface OccupancyAhead {

    /** How far ahead it forecasts; a review on this basis covers the bands that fall within it. */
    Duration horizon();

    /** The expected share at each of {@code times}, in their order. */
    List<Double> expectedShares(String lotId, List<Instant> times);
}
