package city.parkgrid.occupancy;

/** What a gate saw: a car coming in or going out. */
public enum GateEventType {
    ENTRY,
    EXIT
}
