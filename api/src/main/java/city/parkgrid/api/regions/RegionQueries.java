package city.parkgrid.api.regions;

import city.parkgrid.api.http.GeoJson;
import city.parkgrid.api.http.Problem;
import city.parkgrid.api.http.ProblemException;
import city.parkgrid.catalog.Geography;
import city.parkgrid.geo.GeoPoint;
import city.parkgrid.lots.Lot;
import city.parkgrid.occupancy.LotOccupancy;
import city.parkgrid.occupancy.OccupancyService;
import city.parkgrid.occupancy.OccupancyTotals;
import city.parkgrid.regions.Region;
import city.parkgrid.regions.RegionLevel;
import city.parkgrid.regions.ResidentRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;

/**
 * The hierarchy's look-ups as JSON, shared by the HTTP handlers and the event-bus consumer so that
 * other city services get the same answers either way. Thread-safe.
 */
public final class RegionQueries {

    private final Geography geography;
    private final ResidentRegistry residents;
    private final OccupancyService occupancy;

    public RegionQueries(Geography geography, ResidentRegistry residents, OccupancyService occupancy) {
        this.geography = geography;
        this.residents = residents;
        this.occupancy = occupancy;
    }

    /** {@code {"chain": [...]}} from the city down; 404 outside every region. */
    public JsonObject locate(GeoPoint point) {
        List<Region> chain = geography.locate(point);
        if (chain.isEmpty()) {
            throw new ProblemException(Problem.notFound(
                    "no region contains (" + point.lat() + ", " + point.lon() + ")"));
        }
        return new JsonObject().put("chain", new JsonArray(chain.stream().map(RegionJson::link).toList()));
    }

    public JsonObject feature(String regionId) {
        return RegionJson.feature(require(regionId));
    }

    public JsonObject children(String regionId) {
        require(regionId);
        return GeoJson.collection(new JsonArray(
                geography.listChildren(regionId).stream().map(RegionJson::feature).toList()));
    }

    /**
     * Lots (by entrance) and live occupancy within the region, and its registered residents. The
     * resident count is read on a worker: the registry may block.
     */
    public Future<JsonObject> summary(Vertx vertx, String regionId) {
        Region region = require(regionId);
        List<Lot> lots = geography.snapshot().lotsWithin(region.area());
        List<String> communities = geography.listSubtree(regionId).stream()
                .filter(r -> r.level() == RegionLevel.COMMUNITY).map(Region::id).toList();
        Future<Long> residentCount = vertx.executeBlocking(() -> residents.countInCommunities(communities), false);
        Future<Map<String, LotOccupancy>> states = Future.fromCompletionStage(
                occupancy.listOccupancy(lots.stream().map(Lot::id).toList()), vertx.getOrCreateContext());
        return Future.all(residentCount, states).map(done -> {
            OccupancyTotals totals = OccupancyTotals.of(lots, states.result());
            return new JsonObject()
                    .put("regionId", region.id())
                    .put("level", region.level().name())
                    .put("lots", totals.lots())
                    .put("capacity", totals.capacity())
                    .put("occupied", totals.occupied())
                    .put("held", totals.held())
                    .put("free", totals.free())
                    .put("residents", residentCount.result());
        });
    }

    private Region require(String regionId) {
        return geography.findRegion(regionId)
                .orElseThrow(() -> new ProblemException(Problem.notFound("no region '" + regionId + "'")));
    }
}
