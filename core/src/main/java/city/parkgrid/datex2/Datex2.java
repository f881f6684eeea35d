package city.parkgrid.datex2;

/**
 * ParkGrid in DATEX II v3, the language of national access points and navigation providers: the
 * platform's lots as table and status publications, and status feeds applied as sensor counts.
 */
public record Datex2(Datex2Publications publications, Datex2StatusImport statusImport) {}
