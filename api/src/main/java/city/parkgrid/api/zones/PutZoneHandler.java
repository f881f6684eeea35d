package city.parkgrid.api.zones;

import city.parkgrid.access.Role;
import city.parkgrid.api.http.Authentication;
import city.parkgrid.api.http.GeoJson;
import city.parkgrid.api.http.JsonInput;
import city.parkgrid.api.http.Problem;
import city.parkgrid.api.http.ProblemException;
import city.parkgrid.catalog.CatalogChanges;
import city.parkgrid.geo.GeoJsonGeometries;
import city.parkgrid.zones.Zone;
import city.parkgrid.zones.ZoneAreas;
import city.parkgrid.zones.ZoneCatalog;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import org.locationtech.jts.geom.Geometry;

/**
 * {@code PUT /v1/zones/{zoneId}} (bureau only) with a GeoJSON Feature whose geometry is a Polygon
 * or MultiPolygon: creates or replaces the parking unit. Lots are reassigned by containment, on
 * every node. Invalid geometry is a 400 naming the defect, and nothing changes.
 */
public final class PutZoneHandler implements Handler<RoutingContext> {

    private static final ObjectMapper JACKSON = new ObjectMapper();

    private final ZoneCatalog zones;
    private final CatalogChanges catalog;

    public PutZoneHandler(ZoneCatalog zones, CatalogChanges catalog) {
        this.zones = zones;
        this.catalog = catalog;
    }

    @Override
    public void handle(RoutingContext ctx) {
        Authentication.requireRole(ctx, Role.BUREAU);
        String id = ctx.pathParam("zoneId");
        JsonObject body = JsonInput.object(ctx.body().buffer());
        if (!"Feature".equals(body.getValue("type"))) {
            throw new ProblemException(Problem.invalidField("type", "must be \"Feature\" (a GeoJSON Feature)"));
        }
        JsonObject properties = body.getValue("properties") == null
                ? new JsonObject()
                : JsonInput.object(body.getValue("properties"), "properties");
        Optional<Zone> existing = zones.findZone(id);
        String nameZh = name(properties, "nameZh", existing.map(Zone::nameZh));
        String nameEn = name(properties, "nameEn", existing.map(Zone::nameEn));
        Geometry area = GeoJsonGeometries.read(jackson(JsonInput.object(body.getValue("geometry"), "geometry")));
        Zone zone = new Zone(id, nameZh, nameEn, ZoneAreas.requireValid(area));
        ctx.vertx()
                .executeBlocking(() -> catalog.putZone(zone), false)
                .onSuccess(drawn -> ctx.response()
                        .setStatusCode(drawn.created() ? 201 : 200)
                        .putHeader("Content-Type", GeoJson.MEDIA_TYPE)
                        .end(ZoneFeatures.feature(drawn.zone(), drawn.lots(), drawn.totals())
                                .encode()))
                .onFailure(ctx::fail);
    }

    private static JsonNode jackson(JsonObject json) {
        try {
            return JACKSON.readTree(json.encode());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("re-reading JSON that Vert.x just wrote failed", e);
        }
    }

    private static String name(JsonObject properties, String field, Optional<String> current) {
        if (properties.getValue(field) == null && current.isPresent()) {
            return current.get();
        }
        return JsonInput.requiredString(properties, field, "properties." + field);
    }
}
