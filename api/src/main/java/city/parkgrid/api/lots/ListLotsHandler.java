package city.parkgrid.api.lots;

import city.parkgrid.NotFoundException;
import city.parkgrid.api.http.Problem;
import city.parkgrid.api.http.ProblemException;
import city.parkgrid.geo.GeoPoint;
import city.parkgrid.lots.LotCatalog;
import city.parkgrid.lots.NearbyLot;
import city.parkgrid.occupancy.OccupancyService;
import city.parkgrid.zones.ZoneCatalog;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * {@code GET /v1/lots}: every lot; {@code ?near=LAT,LON&radius=METRES} nearest first, each with
 * its {@code distanceMeters}; {@code ?zone=ID} the lots of one parking unit. With an ETag. Open to all.
 */
public final class ListLotsHandler implements Handler<RoutingContext> {

    static final double DEFAULT_RADIUS_METRES = 1_000;
    static final double MAX_RADIUS_METRES = 50_000;

    private final LotCatalog lots;
    private final ZoneCatalog zones;
    private final OccupancyService occupancy;
    /** Each lot's bytes, written once per change of the lot or its state. */
    private final LotAnswers answers = new LotAnswers();

    public ListLotsHandler(LotCatalog lots, ZoneCatalog zones, OccupancyService occupancy) {
        this.lots = lots;
        this.zones = zones;
        this.occupancy = occupancy;
    }

    @Override
    public void handle(RoutingContext ctx) {
        String near = ctx.queryParams().get("near");
        String zone = ctx.queryParams().get("zone");
        if (near != null && zone != null) {
            throw new ProblemException(Problem.invalidField("zone", "use either near or zone, not both"));
        }
        List<NearbyLot> found;
        if (near != null) {
            found = lots.findLotsNear(
                    parseNear(near), parseRadius(ctx.queryParams().get("radius")));
        } else if (zone != null) {
            if (zones.findZone(zone).isEmpty()) {
                throw new NotFoundException("parking unit", zone);
            }
            found = lots.listLotsInZone(zone).stream()
                    .map(l -> new NearbyLot(l, Double.NaN))
                    .toList();
        } else {
            found = lots.listLots().stream()
                    .map(l -> new NearbyLot(l, Double.NaN))
                    .toList();
        }
        List<String> ids = found.stream().map(n -> n.lot().id()).toList();
        Future.fromCompletionStage(occupancy.listOccupancy(ids), ctx.vertx().getOrCreateContext())
                .onSuccess(states -> answers.respondList(ctx, found, states))
                .onFailure(ctx::fail);
    }

    private static GeoPoint parseNear(String near) {
        String[] parts = near.split(",");
        try {
            if (parts.length == 2) {
                return GeoPoint.of(Double.parseDouble(parts[0].trim()), Double.parseDouble(parts[1].trim()));
            }
        } catch (IllegalArgumentException e) {
            throw new ProblemException(Problem.invalidField("near", "must be LAT,LON in degrees: " + e.getMessage()));
        }
        throw new ProblemException(Problem.invalidField("near", "must be LAT,LON in degrees, e.g. 31.2995,121.514"));
    }

    private static double parseRadius(String radius) {
        if (radius == null) {
            return DEFAULT_RADIUS_METRES;
        }
        try {
            double metres = Double.parseDouble(radius);
            if (metres > 0 && metres <= MAX_RADIUS_METRES) {
                return metres;
            }
        } catch (NumberFormatException e) {
            // falls through to the problem below
        }
        throw new ProblemException(
                Problem.invalidField("radius", "must be a number of metres in (0, " + (int) MAX_RADIUS_METRES + "]"));
    }
}
