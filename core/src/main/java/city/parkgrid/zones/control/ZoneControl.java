package city.parkgrid.zones.control;

import city.parkgrid.CityTime;
import java.time.Instant;
import java.time.ZonedDateTime;

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

    /**
     * Until when advance reservations are taken against the reserved spaces and the unbooked ones
     * withheld: the policy's {@code bookingClosesAt} on the control's first day (the next day's when
     * that time is before the start), never after the control ends; else the control's end (null:
     * until the control is changed).
     */
    public Instant bookingsClose() {
        if (policy.bookingClosesAt() == null || since == null) {
            return until;
        }
        ZonedDateTime start = since.atZone(CityTime.SHANGHAI);
        ZonedDateTime close = start.with(policy.bookingClosesAt());
        Instant closes = (close.isBefore(start) ? close.plusDays(1) : close).toInstant();
        return until != null && until.isBefore(closes) ? until : closes;
    }

    /** Whether advance reservations are taken against the reserved spaces at {@code now}. */
    public boolean takesBookings(Instant now) {
        Instant closes = bookingsClose();
        return managing() && (closes == null || now.isBefore(closes));
    }
}
