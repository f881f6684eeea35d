package city.parkgrid.api.allocation;

import city.parkgrid.access.Principal;
import city.parkgrid.allocation.AllocationService;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;

/** {@code GET /v1/allocations/{id}}: HELD, FULFILLED, EXPIRED or CANCELLED. The driver's own, or the bureau. */
public final class GetAllocationHandler implements Handler<RoutingContext> {

    private final AllocationService allocations;
    private final Clock clock;

    public GetAllocationHandler(AllocationService allocations, Clock clock) {
        this.allocations = allocations;
        this.clock = clock;
    }

    @Override
    public void handle(RoutingContext ctx) {
        Principal caller = AllocationAccess.requireCaller(ctx);
        String id = ctx.pathParam("allocationId");
        Future.fromCompletionStage(
                        allocations.find(id, clock.instant()), ctx.vertx().getOrCreateContext())
                .map(found -> AllocationAccess.visible(caller, id, found))
                .onSuccess(hold -> ctx.json(AllocationJson.of(hold)))
                .onFailure(ctx::fail);
    }
}
