package city.parkgrid.reservations;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Where advance reservations live. Every method is safe to call from many threads and many
 * platform nodes at once; every change to one pool is one atomic step, and before it the pool's
 * bookings whose arrival window is over are lapsed, so a read never counts a space nobody will
 * take. Implementations pass {@code BookingStoreContract} in the test sources.
 */
public interface BookingStore {

    /**
     * Books a space of the pool for {@code booking} (BOOKED), atomically with the check that
     * fewer than {@code spaces} of the pool's bookings take a space: never more bookings than
     * reserved spaces, on every node. The plate's booking already taking a space in the pool is
     * answered instead of a second one (a resent request books once). Empty when none is left.
     */
    CompletionStage<Optional<Booking>> book(Booking booking, int spaces, Instant now);

    /** The booking, lapsed first if its window is over; empty for an unknown id. */
    CompletionStage<Optional<Booking>> find(String bookingId, Instant now);

    /**
     * Ends a BOOKED booking as ARRIVED or CANCELLED; a booking already ended (or lapsed by now) is
     * answered as it is. Empty for an unknown id.
     */
    CompletionStage<Optional<Booking>> end(String bookingId, BookingStatus endAs, Instant now);

    /** The pool's bookings that take a space now, BOOKED and ARRIVED apart. */
    CompletionStage<PoolCounts> counts(String poolId, Instant now);

    /** How a pool's spaces are taken: by bookings whose car has not come yet, and by cars that came. */
    record PoolCounts(int booked, int arrived) {

        public int taken() {
            return booked + arrived;
        }
    }
}
