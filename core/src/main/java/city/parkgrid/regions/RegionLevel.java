package city.parkgrid.regions;

/** The administrative levels ParkGrid shares with other city services, from the top down. */
public enum RegionLevel {
    CITY,
    DISTRICT,
    SUBDISTRICT,
    COMMUNITY
}
