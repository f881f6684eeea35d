package city.parkgrid.zones.control;

import java.time.Instant;

/**
 * Activates a mode by itself when the unit stays above an occupancy for a while, and records that
 * it did. Immutable.
 *
 * @param breachSince since when the unit has been above the threshold (null: it is not)
 * @param activeSince since when the trigger's mode is in force (null: it is not)
 */
public record Trigger(String zoneId, double occupancyAbove, int forMinutes, ZoneMode mode, ZonePolicy policy, String setBy,
        Instant breachSince, Instant activeSince) {

    public Trigger withState(Instant breach, Instant active) {
        return new Trigger(zoneId, occupancyAbove, forMinutes, mode, policy, setBy, breach, active);
    }
}
