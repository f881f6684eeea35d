package city.parkgrid.api.regions;

import city.parkgrid.NotFoundException;
import city.parkgrid.api.http.GeoJson;
import city.parkgrid.catalog.Geography;
import city.parkgrid.geo.GeoPoint;
import city.parkgrid.occupancy.OccupancyTotals;
import city.parkgrid.regions.Region;
import city.parkgrid.regions.RegionSummaries;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * The hierarchy's look-ups as JSON, shared by the HTTP handlers and the event-bus consumer so that
 * other city services get the same answers either way. Thread-safe.
 */
public final class RegionQueries {

    private final Geography geography;
    private final RegionSummaries summaries;

    public RegionQueries(Geography geography, RegionSummaries summaries) {
        this.geography = geography;
        this.summaries = summaries;
    }

    /** {@code {"chain": [...]}} from the city down; 404 outside every region. */
    public JsonObject locate(GeoPoint point) {
        List<Region> chain = geography.locate(point);
        if (chain.isEmpty()) {
            throw new NotFoundException(
                    "region",
                    point.lat() + "," + point.lon(),
                    "no region contains (" + point.lat() + ", " + point.lon() + ")");
        }
        return new JsonObject()
                .put("chain", new JsonArray(chain.stream().map(RegionJson::link).toList()));
    }

    public JsonObject feature(String regionId) {
        return RegionJson.feature(require(regionId));
    }

    public JsonObject children(String regionId) {
        require(regionId);
        return GeoJson.collection(new JsonArray(geography.listChildren(regionId).stream()
                .map(RegionJson::feature)
                .toList()));
    }

    /** Lots (by entrance) and live occupancy within the region, and its registered residents; on a worker. */
    public Future<JsonObject> summary(Vertx vertx, String regionId) {
        require(regionId);
        return vertx.executeBlocking(() -> summaries.summarize(regionId), false).map(summary -> {
            OccupancyTotals totals = summary.totals();
            return new JsonObject()
                    .put("regionId", summary.region().id())
                    .put("level", summary.region().level().name())
                    .put("lots", totals.lots())
                    .put("capacity", totals.capacity())
                    .put("occupied", totals.occupied())
                    .put("held", totals.held())
                    .put("free", totals.free())
                    .put("unknownLots", totals.unknownLots())
                    .put("residents", summary.residents());
        });
    }

    private Region require(String regionId) {
        return geography.findRegion(regionId).orElseThrow(() -> new NotFoundException("region", regionId));
    }
}
