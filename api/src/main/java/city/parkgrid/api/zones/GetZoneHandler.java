package city.parkgrid.api.zones;

import city.parkgrid.NotFoundException;
import city.parkgrid.api.http.GeoJson;
import city.parkgrid.catalog.Geography;
import city.parkgrid.zones.Zone;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/** {@code GET /v1/zones/{zoneId}}: one parking unit as a Feature with live totals. Open. */
public final class GetZoneHandler implements Handler<RoutingContext> {

    private final Geography geography;
    private final ZoneFeatures features;

    public GetZoneHandler(Geography geography, ZoneFeatures features) {
        this.geography = geography;
        this.features = features;
    }

    @Override
    public void handle(RoutingContext ctx) {
        String id = ctx.pathParam("zoneId");
        Zone zone = geography.findZone(id).orElseThrow(() -> new NotFoundException("parking unit", id));
        features.feature(ctx.vertx(), zone)
                .onSuccess(feature -> ctx.response()
                        .putHeader("Content-Type", GeoJson.MEDIA_TYPE)
                        .end(feature.encode()))
                .onFailure(ctx::fail);
    }
}
