package city.parkgrid.geo;

/**
 * The one place ParkGrid turns two positions into metres. Thread-safe (stateless).
 *
 * <p>Great-circle distance on a sphere of PostGIS's mean earth radius, so that Java agrees with
 * {@code ST_Distance(a::geography, b::geography, false)} in SQL to well under a centimetre at
 * city scale. The spheroid would differ by up to 0.5%, which is irrelevant for walking distances
 * but would make the two homes of the geometry disagree in tests.
 */
public final class Distances {

    /** PostGIS's sphere radius (the mean radius of the WGS84 ellipsoid), in metres. */
    public static final double EARTH_RADIUS_METRES = 6_371_008.7714;

    private Distances() {}

    public static double metres(GeoPoint a, GeoPoint b) {
        double lat1 = Math.toRadians(a.lat());
        double lat2 = Math.toRadians(b.lat());
        double dLat = lat2 - lat1;
        double dLon = Math.toRadians(b.lon() - a.lon());
        double h = Math.sin(dLat / 2) * Math.sin(dLat / 2)
                + Math.cos(lat1) * Math.cos(lat2) * Math.sin(dLon / 2) * Math.sin(dLon / 2);
        return 2 * EARTH_RADIUS_METRES * Math.asin(Math.min(1, Math.sqrt(h)));
    }
}
