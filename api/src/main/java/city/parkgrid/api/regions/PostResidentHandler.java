package city.parkgrid.api.regions;

import city.parkgrid.access.Role;
import city.parkgrid.api.http.Authentication;
import city.parkgrid.api.http.JsonInput;
import city.parkgrid.api.http.Problem;
import city.parkgrid.api.http.ProblemException;
import city.parkgrid.catalog.Geography;
import city.parkgrid.regions.Region;
import city.parkgrid.regions.RegionLevel;
import city.parkgrid.regions.ResidentRegistry;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;

/**
 * {@code POST /v1/residents} {@code {"communityId", "plates": [...]}}: registers a resident (bureau
 * or service callers only). A plate already registered to anyone is a 409 and nothing is stored.
 */
public final class PostResidentHandler implements Handler<RoutingContext> {

    private final Geography geography;
    private final ResidentRegistry residents;

    public PostResidentHandler(Geography geography, ResidentRegistry residents) {
        this.geography = geography;
        this.residents = residents;
    }

    @Override
    public void handle(RoutingContext ctx) {
        Authentication.requireRole(ctx, Role.BUREAU, Role.SERVICE);
        JsonObject body = JsonInput.object(ctx.body().buffer());
        String communityId = JsonInput.requiredString(body, "communityId", "communityId");
        Region community = geography
                .findRegion(communityId)
                .orElseThrow(() ->
                        new ProblemException(Problem.invalidField("communityId", "no region '" + communityId + "'")));
        if (community.level() != RegionLevel.COMMUNITY) {
            throw new ProblemException(Problem.invalidField(
                    "communityId",
                    "'" + communityId + "' is a " + community.level() + ", residents belong to a COMMUNITY"));
        }
        Set<String> plates = JsonInput.plates(body);
        ctx.vertx()
                .executeBlocking(() -> residents.register(communityId, plates), false)
                .onSuccess(resident -> ctx.response()
                        .setStatusCode(201)
                        .putHeader("Location", "/v1/residents/" + resident.id())
                        .putHeader("Content-Type", "application/json")
                        .end(ResidentJson.of(resident).encode()))
                .onFailure(ctx::fail);
    }
}
