package city.parkgrid.api.regions;

import city.parkgrid.NotFoundException;
import city.parkgrid.Text;
import city.parkgrid.access.Role;
import city.parkgrid.api.http.Authentication;
import city.parkgrid.regions.Resident;
import city.parkgrid.regions.ResidentRegistry;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;

/** {@code GET /v1/residents/{residentId}} (bureau or service callers only). */
public final class GetResidentHandler implements Handler<RoutingContext> {

    private final ResidentRegistry residents;

    public GetResidentHandler(ResidentRegistry residents) {
        this.residents = residents;
    }

    @Override
    public void handle(RoutingContext ctx) {
        Authentication.requireRole(ctx, Role.BUREAU, Role.SERVICE);
        // checked here, not in each registry: PostgreSQL cannot even look up an id holding NUL
        String id = Text.require("residentId", ctx.pathParam("residentId"), Text.MAX_ID);
        ctx.vertx()
                .executeBlocking(() -> residents.findResident(id), false)
                .onSuccess((Optional<Resident> found) -> found.ifPresentOrElse(
                        resident -> ctx.json(ResidentJson.of(resident)),
                        () -> ctx.fail(new NotFoundException("resident", id))))
                .onFailure(ctx::fail);
    }
}
