package city.parkgrid.occupancy;

/** Whether a lot takes cars now, as drivers and navigation apps see it. */
public enum LotStatus {
    OPEN,
    FULL,
    CLOSED
}
