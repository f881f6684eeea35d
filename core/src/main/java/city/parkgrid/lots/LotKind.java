package city.parkgrid.lots;

/** What a lot mainly serves; the simulator and ranking read demand and walking habits from it. */
public enum LotKind {
    MALL,
    OFFICE,
    UNIVERSITY,
    HOSPITAL,
    STADIUM,
    RESIDENTIAL,
    PARK_AND_RIDE,
    ON_STREET
}
