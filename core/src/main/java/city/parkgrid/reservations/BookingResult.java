package city.parkgrid.reservations;

/** A booking made, or why none was: {@code refusal} is null exactly when {@code booking} is not. */
public record BookingResult(Booking booking, String refusal) {

    public boolean booked() {
        return booking != null;
    }

    static BookingResult refused(String why) {
        return new BookingResult(null, why);
    }
}
