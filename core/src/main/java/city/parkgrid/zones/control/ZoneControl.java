package city.parkgrid.zones.control;

import java.time.Instant;

/**
 * The control in force for a unit, and why. Immutable.
 *
 * @param since when it took effect (null for the default)
 * @param until when it ends by itself (null: until changed)
 * @param setBy who set it (a bureau principal, "schedule:<id>", "trigger")
 */
public record ZoneControl(
        String zoneId,
        ZoneMode mode,
        ZonePolicy policy,
        Instant since,
        Instant until,
        String setBy,
        String reason,
        ControlSource source) {

    public static ZoneControl normal(String zoneId) {
        return new ZoneControl(
                zoneId,
                ZoneMode.NORMAL,
                ZonePolicy.NONE,
                null,
                null,
                null,
                "normal operation: operators run their lots",
                ControlSource.DEFAULT);
    }

    public boolean managing() {
        return mode != ZoneMode.NORMAL;
    }

    /** Whether the control closes this lot. */
    public boolean closes(String lotId) {
        return managing() && policy.closedLots().contains(lotId);
    }

    /** Spaces the control withholds in this lot. */
    public int reserves(String lotId) {
        return managing() ? policy.reservedSpaces().getOrDefault(lotId, 0) : 0;
    }
}
