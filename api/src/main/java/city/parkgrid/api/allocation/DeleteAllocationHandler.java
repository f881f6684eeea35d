package city.parkgrid.api.allocation;

import city.parkgrid.access.Principal;
import city.parkgrid.allocation.AllocationService;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;

/**
 * {@code DELETE /v1/allocations/{id}}: cancels a held space and frees it at once; answers the
 * allocation as it is afterwards (one already fulfilled or expired stays so).
 */
public final class DeleteAllocationHandler implements Handler<RoutingContext> {

    private final AllocationService allocations;
    private final Clock clock;

    public DeleteAllocationHandler(AllocationService allocations, Clock clock) {
        this.allocations = allocations;
        this.clock = clock;
    }

    @Override
    public void handle(RoutingContext ctx) {
        Principal caller = AllocationAccess.requireCaller(ctx);
        String id = ctx.pathParam("allocationId");
        var context = ctx.vertx().getOrCreateContext();
        Future.fromCompletionStage(allocations.find(id, clock.instant()), context)
                .map(found -> AllocationAccess.visible(caller, id, found))
                .compose(visible -> Future.fromCompletionStage(allocations.cancel(id, clock.instant()), context))
                .onSuccess(cancelled -> ctx.json(AllocationJson.of(cancelled.orElseThrow())))
                .onFailure(ctx::fail);
    }
}
