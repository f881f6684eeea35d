package city.parkgrid.reservations;

/** Where an advance reservation stands. BOOKED and ARRIVED take one of the control's reserved spaces. */
public enum BookingStatus {
    /** A reserved space is kept for the driver until the end of their arrival window. */
    BOOKED,
    /** The driver's car came in: the reserved space became an occupied one, and goes to the public once it leaves. */
    ARRIVED,
    /** The driver gave it up: the space goes back to the pool. */
    CANCELLED,
    /** Nobody came by the end of the arrival window: the space goes back to the pool. */
    LAPSED;

    /** Whether the booking takes one of the pool's spaces. */
    public boolean takesSpace() {
        return this == BOOKED || this == ARRIVED;
    }
}
