package city.parkgrid.api.occupancy;

import city.parkgrid.api.http.JsonInput;
import city.parkgrid.api.lots.LotAccess;
import city.parkgrid.api.lots.LotJson;
import city.parkgrid.lots.Lot;
import city.parkgrid.lots.LotCatalog;
import city.parkgrid.occupancy.OccupancyService;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Instant;

/**
 * {@code PUT /v1/lots/{lotId}/occupancy}: a counting sensor's reading {@code {"occupied", "at"}}
 * for lots without plate cameras. A reading older than the state it would replace is not applied,
 * and the answer says so with {@code "applied": false}.
 */
public final class PutOccupancySnapshotHandler implements Handler<RoutingContext> {

    private final LotCatalog lots;
    private final OccupancyService occupancy;
    private final Clock clock;

    public PutOccupancySnapshotHandler(LotCatalog lots, OccupancyService occupancy, Clock clock) {
        this.lots = lots;
        this.occupancy = occupancy;
        this.clock = clock;
    }

    @Override
    public void handle(RoutingContext ctx) {
        Lot lot = LotAccess.requireOperatedLot(ctx, lots);
        JsonObject body = JsonInput.object(ctx.body().buffer());
        int occupied = JsonInput.requiredInt(body, "occupied", "occupied");
        Instant at = JsonInput.requiredInstant(body, "at", "at");
        Instant now = clock.instant();
        Future.fromCompletionStage(
                        occupancy.applySnapshot(lot, occupied, at, now),
                        ctx.vertx().getOrCreateContext())
                .onSuccess(result -> {
                    JsonObject json = new JsonObject()
                            .put("applied", result.applied())
                            .put("occupancy", LotJson.occupancy(result.occupancy()));
                    if (!result.applied()) {
                        json.put(
                                "reason",
                                "the lot's state is newer (as of "
                                        + result.occupancy().asOf() + ") than this reading");
                    }
                    ctx.json(json);
                })
                .onFailure(ctx::fail);
    }
}
