package city.parkgrid.occupancy;

/** What the platform did with one gate event. */
public enum EventResult {
    /** Counted (possibly with a {@link GateEventFlag} saying what was odd about it). */
    ACCEPTED,
    /** This event id was seen before; nothing changed. */
    DUPLICATE,
    /** Not counted; the reason says why. Sending it again will not help. */
    REJECTED
}
