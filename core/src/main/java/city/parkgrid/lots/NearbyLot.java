package city.parkgrid.lots;

/** A lot found near a position, with its distance in metres from that position. */
public record NearbyLot(Lot lot, double distanceMetres) {}
