package city.parkgrid.api.regions;

import city.parkgrid.api.http.Problem;
import city.parkgrid.api.http.ProblemException;
import city.parkgrid.geo.GeoPoint;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/** {@code GET /v1/regions/locate?lat=&lon=}: the chain from the city down to the community. Open. */
public final class LocateRegionHandler implements Handler<RoutingContext> {

    private final RegionQueries queries;

    public LocateRegionHandler(RegionQueries queries) {
        this.queries = queries;
    }

    @Override
    public void handle(RoutingContext ctx) {
        ctx.json(queries.locate(
                point(ctx.queryParams().get("lat"), ctx.queryParams().get("lon"))));
    }

    static GeoPoint point(String lat, String lon) {
        double latitude = coordinate("lat", lat);
        double longitude = coordinate("lon", lon);
        try {
            return GeoPoint.of(latitude, longitude);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(
                    Problem.invalidField(latitude < -90 || latitude > 90 ? "lat" : "lon", e.getMessage()));
        }
    }

    private static double coordinate(String name, String value) {
        if (value == null) {
            throw new ProblemException(Problem.invalidField(name, "is required (degrees, WGS84)"));
        }
        double degrees;
        try {
            degrees = Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new ProblemException(Problem.invalidField(name, "must be a number of degrees, was '" + value + "'"));
        }
        // Double.parseDouble reads "NaN" and "Infinity"; refused here, where the name is known (a NaN
        // latitude passes every range comparison, so a later check would blame the longitude)
        if (!Double.isFinite(degrees)) {
            throw new ProblemException(
                    Problem.invalidField(name, "must be a finite number of degrees, was '" + value + "'"));
        }
        return degrees;
    }
}
