package city.parkgrid.allocation;

import java.time.Duration;
import java.util.Objects;

/**
 * A driver asking for a space: in a named lot, or in the best lot for a destination.
 *
 * @param lotId the lot asked for, or null to choose by {@code guidance}
 * @param guidance the destination and preferences, or null when a lot is named
 * @param holdFor how long to hold, or null for the configured maximum (a longer wish is capped)
 */
public record AllocationRequest(
        String driverId, String plate, String lotId, GuidanceRequest guidance, Duration holdFor) {

    public AllocationRequest {
        Objects.requireNonNull(driverId, "driverId");
        Objects.requireNonNull(plate, "plate");
        if ((lotId == null) == (guidance == null)) {
            throw new IllegalArgumentException("name either a lot or a destination");
        }
    }
}
