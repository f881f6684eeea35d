package city.parkgrid.api.history;

import city.parkgrid.api.lots.GetLotHandler;
import city.parkgrid.history.HistoryRange;
import city.parkgrid.history.OccupancyHistory;
import city.parkgrid.lots.Lot;
import city.parkgrid.lots.LotCatalog;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/** {@code GET /v1/lots/{lotId}/history?from=&to=&step=}: a lot's history in buckets, JSON or CSV. Open to all. */
public final class LotHistoryHandler implements Handler<RoutingContext> {

    private final LotCatalog lots;
    private final OccupancyHistory history;

    public LotHistoryHandler(LotCatalog lots, OccupancyHistory history) {
        this.lots = lots;
        this.history = history;
    }

    @Override
    public void handle(RoutingContext ctx) {
        Lot lot = GetLotHandler.requireLot(lots, ctx.pathParam("lotId"));
        HistoryRange range = HistoryQuery.range(ctx, history);
        boolean csv = HistoryQuery.wantsCsv(ctx);
        ctx.vertx()
                .executeBlocking(() -> history.lotHistory(lot.id(), range), false)
                .onSuccess(found -> HistoryOutput.respond(ctx, csv, found))
                .onFailure(ctx::fail);
    }
}
