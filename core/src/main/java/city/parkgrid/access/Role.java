package city.parkgrid.access;

/** Who is calling, by kind. */
public enum Role {
    /** A lot operator: writes its own lots' data. */
    OPERATOR,
    /** The traffic bureau: controls parking units, sees everything. */
    BUREAU,
    /** A driver (usually through a navigation app): acts on their own account only. */
    DRIVER,
    /** Another city service reading the shared hierarchy (community services, permits, ...). */
    SERVICE
}
