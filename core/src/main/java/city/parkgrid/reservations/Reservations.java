package city.parkgrid.reservations;

import city.parkgrid.InvalidInputException;
import city.parkgrid.NotFoundException;
import city.parkgrid.lots.Lot;
import city.parkgrid.lots.LotCatalog;
import city.parkgrid.zones.control.ZoneControl;
import city.parkgrid.zones.control.ZoneControls;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Advance reservations against the spaces the bureau's control reserves in a lot (a match's fans
 * booking the stadium's lot ahead), as a use case. A driver books for an arrival window while the
 * control in force reserves spaces there and takes bookings; the store's atomic step never lets
 * more bookings take a space than the control reserves, on any node. A booking cancelled, or
 * lapsed because its car did not come by the window's end, gives its space back to the pool; a
 * booked car that came in makes its reserved space an occupied one, which goes to the public when
 * it leaves. How many reserved spaces are withheld from the public follows ({@link BookedSpaces}):
 * this node brings the lot into line at once after an arrival or a cancellation, and every node
 * each second.
 *
 * <p>A booking is against the control in force when it is made (its pool is that lot under that
 * control, {@link #poolId}): a control replaced by another starts a new pool. Blocking where
 * {@link ZoneControls#settleLot} is (run on a worker). Thread-safe.
 */
public final class Reservations {

    /** The longest arrival window a booking may keep a space for. */
    public static final Duration MAX_WINDOW = Duration.ofHours(2);

    private final LotCatalog lots;
    private final ZoneControls controls;
    private final BookingStore store;
    private final Clock clock;

    public Reservations(LotCatalog lots, ZoneControls controls, BookingStore store, Clock clock) {
        this.lots = lots;
        this.controls = controls;
        this.store = store;
        this.clock = clock;
    }

    /** The reserved spaces of one lot under one control in force: the control's start tells it from the next. */
    public static String poolId(ZoneControl control, String lotId) {
        return lotId + "@" + control.zoneId() + "@" + control.since();
    }

    /**
     * Books one of the lot's reserved spaces for the plate arriving between {@code arriveFrom} and
     * {@code arriveUntil}; refused (with the reason) when the control reserves none there, has
     * closed booking, or every reserved space is taken. The plate's booking already in the pool is
     * answered instead of a second.
     */
    public CompletionStage<BookingResult> book(
            String driverId, String plate, String lotId, Instant arriveFrom, Instant arriveUntil) {
        Instant now = clock.instant();
        Lot lot = lots.findLot(lotId).orElseThrow(() -> new NotFoundException("lot", lotId));
        if (arriveFrom == null || arriveUntil == null || !arriveUntil.isAfter(arriveFrom)) {
            throw new InvalidInputException("arriveUntil", "the arrival window must end after it starts");
        }
        if (Duration.between(arriveFrom, arriveUntil).compareTo(MAX_WINDOW) > 0) {
            throw new InvalidInputException(
                    "arriveUntil", "an arrival window is at most " + MAX_WINDOW.toMinutes() + " minutes");
        }
        if (!arriveUntil.isAfter(now)) {
            throw new InvalidInputException("arriveUntil", "the arrival window is over");
        }
        ZoneControl control = controls.currentOver(lot);
        int spaces = control.reserves(lotId);
        if (spaces == 0) {
            return done(BookingResult.refused("the bureau's control reserves no spaces in lot '" + lotId + "' now"));
        }
        if (!control.takesBookings(now)) {
            return done(BookingResult.refused("booking closed at " + control.bookingsClose()));
        }
        if (control.until() != null && !arriveFrom.isBefore(control.until())) {
            return done(
                    BookingResult.refused("the control ends at " + control.until() + ", before the arrival window"));
        }
        Booking wanted = new Booking(
                UUID.randomUUID().toString(),
                poolId(control, lotId),
                lotId,
                driverId,
                plate,
                arriveFrom,
                arriveUntil,
                BookingStatus.BOOKED,
                now,
                null);
        return store.book(wanted, spaces, now)
                .thenApply(booked -> booked.map(b -> new BookingResult(b, null))
                        .orElseGet(() -> BookingResult.refused(
                                "all " + spaces + " reserved spaces in lot '" + lotId + "' are booked")));
    }

    /** The booking's car came in: its reserved space is an occupied one now. Blocking. */
    public CompletionStage<Optional<Booking>> arrive(String bookingId) {
        return end(bookingId, BookingStatus.ARRIVED);
    }

    /** The driver gives the booking up: its space goes back to the pool. Blocking. */
    public CompletionStage<Optional<Booking>> cancel(String bookingId) {
        return end(bookingId, BookingStatus.CANCELLED);
    }

    /** The booking as it stands, lapsed if its window is over. */
    public CompletionStage<Optional<Booking>> find(String bookingId) {
        return store.find(bookingId, clock.instant());
    }

    private CompletionStage<Optional<Booking>> end(String bookingId, BookingStatus as) {
        return store.end(bookingId, as, clock.instant()).thenApply(booking -> {
            // the withheld count moved with it: this node sets it at once, the others at their next tick
            booking.ifPresent(b -> controls.settleLot(b.lotId()));
            return booking;
        });
    }

    private static <T> CompletionStage<T> done(T value) {
        return CompletableFuture.completedFuture(value);
    }
}
