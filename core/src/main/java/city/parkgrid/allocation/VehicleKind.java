package city.parkgrid.allocation;

/**
 * The kind of vehicle asking. Lots do not yet declare EV-charging or accessible spaces (the data
 * sets carry none), so the kind is recorded but does not yet narrow the choice.
 */
public enum VehicleKind {
    CAR,
    EV,
    ACCESSIBLE
}
