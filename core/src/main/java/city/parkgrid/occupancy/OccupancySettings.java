package city.parkgrid.occupancy;

import java.time.Duration;
import java.util.Objects;

/**
 * Tunables of live occupancy.
 *
 * @param dedupeWindow how long an eventId is remembered; a later resend would count again, so
 *     events older than this are rejected rather than risk counting twice
 * @param presenceMemory how long the platform remembers that a plate is inside a lot; bounds
 *     the memory held for cars whose exit the cameras never saw
 * @param maxClockSkew how far in the future a gate's clock may be before its events are refused
 */
public record OccupancySettings(Duration dedupeWindow, Duration presenceMemory, Duration maxClockSkew) {

    public static final OccupancySettings DEFAULTS =
            new OccupancySettings(Duration.ofDays(7), Duration.ofDays(31), Duration.ofMinutes(5));

    public OccupancySettings {
        Objects.requireNonNull(dedupeWindow, "dedupeWindow");
        Objects.requireNonNull(presenceMemory, "presenceMemory");
        Objects.requireNonNull(maxClockSkew, "maxClockSkew");
        if (dedupeWindow.toSeconds() < 1 || presenceMemory.toSeconds() < 1) {
            throw new IllegalArgumentException("dedupe window and presence memory must be at least a second");
        }
    }
}
