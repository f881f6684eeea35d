package city.parkgrid.allocation;

import java.time.Duration;

/**
 * @param maxHold the longest a space is held for a driver on the way (a request may ask for less)
 * @param candidatesTried how many ranked lots an allocation tries, in order, when the best one
 *     filled up between ranking and holding
 * @param maxPlatesPerDriver how many plates one driver with an account may have spaces held for at
 *     once (a driver without one: one), so one driver cannot take a whole lot
 * @param maxAllocationsPerMinute how many allocations one driver may ask in a minute (more is 429),
 *     so that nobody churns holds to keep spaces from others
 */
public record AllocationSettings(
        Duration maxHold, int candidatesTried, int maxPlatesPerDriver, int maxAllocationsPerMinute) {

    public static final AllocationSettings DEFAULTS = new AllocationSettings(Duration.ofMinutes(15), 5, 2, 30);

    /** The window the allocations per driver are counted in. */
    public static final Duration RATE_WINDOW = Duration.ofMinutes(1);

    public AllocationSettings {
        if (maxPlatesPerDriver < 1) {
            throw new IllegalArgumentException("maxPlatesPerDriver must be at least 1");
        }
        if (maxAllocationsPerMinute < 1) {
            throw new IllegalArgumentException("maxAllocationsPerMinute must be at least 1");
        }
    }
}
