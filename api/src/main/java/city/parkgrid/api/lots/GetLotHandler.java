package city.parkgrid.api.lots;

import city.parkgrid.NotFoundException;
import city.parkgrid.lots.Lot;
import city.parkgrid.lots.LotCatalog;
import city.parkgrid.occupancy.OccupancyService;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/** {@code GET /v1/lots/{lotId}}: one lot with its live occupancy, with an ETag. Open to all. */
public final class GetLotHandler implements Handler<RoutingContext> {

    private final LotCatalog lots;
    private final OccupancyService occupancy;
    /** The lot's bytes, written once per change of the lot or its state. */
    private final LotAnswers answers = new LotAnswers();

    public GetLotHandler(LotCatalog lots, OccupancyService occupancy) {
        this.lots = lots;
        this.occupancy = occupancy;
    }

    @Override
    public void handle(RoutingContext ctx) {
        Lot lot = requireLot(lots, ctx.pathParam("lotId"));
        Future.fromCompletionStage(
                        occupancy.findOccupancy(lot.id()), ctx.vertx().getOrCreateContext())
                .onSuccess(found -> answers.respond(ctx, lot, found.orElse(null)))
                .onFailure(ctx::fail);
    }

    /** The lot named in the path, or a 404 problem. */
    public static Lot requireLot(LotCatalog lots, String lotId) {
        return lots.findLot(lotId).orElseThrow(() -> new NotFoundException("lot", lotId));
    }
}
