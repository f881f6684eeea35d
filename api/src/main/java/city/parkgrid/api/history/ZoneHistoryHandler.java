package city.parkgrid.api.history;

import city.parkgrid.NotFoundException;
import city.parkgrid.history.HistoryRange;
import city.parkgrid.history.OccupancyHistory;
import city.parkgrid.lots.LotCatalog;
import city.parkgrid.zones.ZoneCatalog;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /v1/zones/{zoneId}/history?from=&to=&step=}: a unit's totals in buckets over the lots
 * in it now, JSON or CSV. Open to all.
 */
public final class ZoneHistoryHandler implements Handler<RoutingContext> {

    private final ZoneCatalog zones;
    private final LotCatalog lots;
    private final OccupancyHistory history;

    public ZoneHistoryHandler(ZoneCatalog zones, LotCatalog lots, OccupancyHistory history) {
        this.zones = zones;
        this.lots = lots;
        this.history = history;
    }

    @Override
    public void handle(RoutingContext ctx) {
        String zoneId = ctx.pathParam("zoneId");
        zones.findZone(zoneId).orElseThrow(() -> new NotFoundException("zone", zoneId));
        HistoryRange range = HistoryQuery.range(ctx, history);
        boolean csv = HistoryQuery.wantsCsv(ctx);
        int members = lots.listLotsInZone(zoneId).size();
        ctx.vertx()
                .executeBlocking(() -> history.zoneHistory(zoneId, range), false)
                .onSuccess(found -> HistoryOutput.respond(ctx, csv, found, members))
                .onFailure(ctx::fail);
    }
}
