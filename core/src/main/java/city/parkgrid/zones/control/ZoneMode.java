package city.parkgrid.zones.control;

/** How a parking unit is run: by its operators, or under the traffic bureau's management mechanism. */
public enum ZoneMode {
    /** Operators run their lots; ParkGrid informs and allocates. */
    NORMAL,
    /** The bureau dispatches: demand is spread up to a target, then diverted. */
    MANAGED,
    /** Closed lots get no drivers, reserved spaces are never held, drivers are sent out of the unit. */
    EMERGENCY
}
