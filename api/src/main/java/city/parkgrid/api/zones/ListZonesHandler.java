package city.parkgrid.api.zones;

import city.parkgrid.api.http.GeoJson;
import city.parkgrid.catalog.Geography;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/** {@code GET /v1/zones}: every parking unit, a GeoJSON FeatureCollection with live totals. Open. */
public final class ListZonesHandler implements Handler<RoutingContext> {

    private final Geography geography;
    private final ZoneFeatures features;

    public ListZonesHandler(Geography geography, ZoneFeatures features) {
        this.geography = geography;
        this.features = features;
    }

    @Override
    public void handle(RoutingContext ctx) {
        features.features(ctx.vertx(), geography.listZones())
                .onSuccess(all -> ctx.response()
                        .putHeader("Content-Type", GeoJson.MEDIA_TYPE)
                        .end(GeoJson.collection(all).encode()))
                .onFailure(ctx::fail);
    }
}
