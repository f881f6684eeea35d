package city.parkgrid.zones.control;

import java.time.Instant;

/** A control the bureau set by hand. Immutable. */
public record ManualControl(
        String zoneId, ZoneMode mode, ZonePolicy policy, Instant since, Instant until, String setBy, String reason) {

    public boolean inForce(Instant now) {
        return until == null || now.isBefore(until);
    }

    /**
     * Whether it outranks schedules and triggers now. A NORMAL without {@code until} is how the
     * bureau ends its manual control, so schedules and triggers apply again; a NORMAL with
     * {@code until} holds the unit NORMAL against them until then (a cancelled event day).
     */
    public boolean overrides(Instant now) {
        return inForce(now) && (mode != ZoneMode.NORMAL || until != null);
    }
}
