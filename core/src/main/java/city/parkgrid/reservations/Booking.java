package city.parkgrid.reservations;

import java.time.Instant;
import java.util.Objects;

/**
 * An advance reservation of one of a lot's reserved spaces under the bureau's control, for a
 * driver's car arriving in a window. Immutable.
 *
 * @param poolId the reserved spaces it is booked against: one lot's under one control in force
 *     ({@link Reservations#poolId})
 * @param arriveFrom, arriveUntil the arrival window; a booking still BOOKED at {@code arriveUntil} lapses
 * @param endedAt when it arrived, was cancelled or lapsed (null while BOOKED)
 */
public record Booking(
        String id,
        String poolId,
        String lotId,
        String driverId,
        String plate,
        Instant arriveFrom,
        Instant arriveUntil,
        BookingStatus status,
        Instant bookedAt,
        Instant endedAt) {

    public Booking {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(poolId, "poolId");
        Objects.requireNonNull(plate, "plate");
        Objects.requireNonNull(status, "status");
        if (!arriveUntil.isAfter(arriveFrom)) {
            throw new IllegalArgumentException("the arrival window must end after it starts");
        }
    }

    /** The same booking, ended as {@code status} at {@code at}. */
    public Booking ended(BookingStatus status, Instant at) {
        return new Booking(id, poolId, lotId, driverId, plate, arriveFrom, arriveUntil, status, bookedAt, at);
    }

    /** Whether it lapses by {@code now}: still BOOKED and its arrival window over. */
    public boolean lapsedBy(Instant now) {
        return status == BookingStatus.BOOKED && !now.isBefore(arriveUntil);
    }
}
