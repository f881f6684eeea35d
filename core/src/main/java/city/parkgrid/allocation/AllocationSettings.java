package city.parkgrid.allocation;

import java.time.Duration;

/**
 * @param maxHold the longest a space is held for a driver on the way (a request may ask for less)
 * @param candidatesTried how many ranked lots an allocation tries, in order, when the best one
 *     filled up between ranking and holding
 */
public record AllocationSettings(Duration maxHold, int candidatesTried) {

    public static final AllocationSettings DEFAULTS = new AllocationSettings(Duration.ofMinutes(15), 5);
}
