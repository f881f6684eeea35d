package city.parkgrid.occupancy;

/** Where a held space stands. Only HELD counts in a lot's {@code held}. */
public enum HoldStatus {
    /** A space is held for the driver until {@code expiresAt}. */
    HELD,
    /** The driver's car entered the lot: the held space became an occupied one. */
    FULFILLED,
    /** Nobody came in time; the space went back to the public. */
    EXPIRED,
    /** The driver (or a replacing allocation for the same plate) gave it up. */
    CANCELLED;

    public boolean isFinal() {
        return this != HELD;
    }
}
