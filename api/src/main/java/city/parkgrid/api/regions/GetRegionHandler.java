package city.parkgrid.api.regions;

import city.parkgrid.api.http.GeoJson;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/** {@code GET /v1/regions/{regionId}}: the region as a GeoJSON Feature. Open. */
public final class GetRegionHandler implements Handler<RoutingContext> {

    private final RegionQueries queries;

    public GetRegionHandler(RegionQueries queries) {
        this.queries = queries;
    }

    @Override
    public void handle(RoutingContext ctx) {
        ctx.response()
                .putHeader("Content-Type", GeoJson.MEDIA_TYPE)
                .end(queries.feature(ctx.pathParam("regionId")).encode());
    }
}
