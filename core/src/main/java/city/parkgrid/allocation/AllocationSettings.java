package city.parkgrid.allocation;

import java.time.Duration;

/**
 * @param maxHold the longest a space is held for a driver on the way (a request may ask for less)
 * @param candidatesTried how many ranked lots an allocation tries, in order, when the best one
 *     filled up between ranking and holding
 * @param maxPlatesPerDriver how many plates one driver with an account may have spaces held for at
 *     once (a driver without one: one), so one driver cannot take a whole lot
 */
public record AllocationSettings(Duration maxHold, int candidatesTried, int maxPlatesPerDriver) {

    public static final AllocationSettings DEFAULTS = new AllocationSettings(Duration.ofMinutes(15), 5, 2);

    public AllocationSettings {
        if (maxPlatesPerDriver < 1) {
            throw new IllegalArgumentException("maxPlatesPerDriver must be at least 1");
        }
    }
}
