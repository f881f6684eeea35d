package city.parkgrid.reservations;

import city.parkgrid.zones.control.ReservedSpaces;
import city.parkgrid.zones.control.ZoneControl;
import java.time.Instant;

/**
 * The control's reserved spaces withheld from the public as bookings take them: while booking is
 * open, every reserved space but those whose booked car has come in (that car's space is an
 * occupied one now, and goes to the public when it leaves); once booking has closed, only the
 * spaces of bookings whose car has not come yet (until each arrives or lapses). Read from the
 * shared {@link BookingStore}, so every node withholds the same count.
 */
public final class BookedSpaces implements ReservedSpaces {

    private final BookingStore store;

    public BookedSpaces(BookingStore store) {
        this.store = store;
    }

    @Override
    public int withheld(ZoneControl control, String lotId, Instant now) {
        int reserved = control.reserves(lotId);
        if (reserved == 0) {
            return 0;
        }
        BookingStore.PoolCounts counts = store.counts(Reservations.poolId(control, lotId), now)
                .toCompletableFuture()
                .join();
        return control.takesBookings(now)
                ? Math.max(0, reserved - counts.arrived())
                : Math.min(reserved, counts.booked());
    }
}
