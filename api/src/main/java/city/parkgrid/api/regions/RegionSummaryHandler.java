package city.parkgrid.api.regions;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/** {@code GET /v1/regions/{regionId}/summary}: lots, capacity, live occupancy and residents within. Open. */
public final class RegionSummaryHandler implements Handler<RoutingContext> {

    private final RegionQueries queries;

    public RegionSummaryHandler(RegionQueries queries) {
        this.queries = queries;
    }

    @Override
    public void handle(RoutingContext ctx) {
        queries.summary(ctx.vertx(), ctx.pathParam("regionId"))
                .onSuccess(ctx::json)
                .onFailure(ctx::fail);
    }
}
