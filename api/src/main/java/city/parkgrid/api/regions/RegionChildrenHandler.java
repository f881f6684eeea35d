package city.parkgrid.api.regions;

import city.parkgrid.api.http.GeoJson;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/** {@code GET /v1/regions/{regionId}/children}: the regions one level down, as a FeatureCollection. Open. */
public final class RegionChildrenHandler implements Handler<RoutingContext> {

    private final RegionQueries queries;

    public RegionChildrenHandler(RegionQueries queries) {
        this.queries = queries;
    }

    @Override
    public void handle(RoutingContext ctx) {
        ctx.response()
                .putHeader("Content-Type", GeoJson.MEDIA_TYPE)
                .end(queries.children(ctx.pathParam("regionId")).encode());
    }
}
