package city.parkgrid.geo;

/**
 * A WGS84 position (SRID 4326). Immutable and thread-safe.
 *
 * <p>Latitude first, as people say it; GeoJSON writes longitude first, which only the GeoJSON
 * adapters need to know.
 */
public record GeoPoint(double lat, double lon) {

    public GeoPoint {
        if (!Double.isFinite(lat) || lat < -90 || lat > 90) {
            throw new IllegalArgumentException("latitude must be within [-90, 90], was " + lat);
        }
        if (!Double.isFinite(lon) || lon < -180 || lon > 180) {
            throw new IllegalArgumentException("longitude must be within [-180, 180], was " + lon);
        }
    }

    public static GeoPoint of(double lat, double lon) {
        return new GeoPoint(lat, lon);
    }

    /** Distance in metres, computed the one way ParkGrid computes distances (see {@link Distances}). */
    public double metresTo(GeoPoint other) {
        return Distances.metres(this, other);
    }
}
