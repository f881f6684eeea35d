package city.parkgrid.api.regions;

import city.parkgrid.InvalidInputException;
import city.parkgrid.Plates;
import city.parkgrid.access.Role;
import city.parkgrid.api.http.Authentication;
import city.parkgrid.api.http.JsonInput;
import city.parkgrid.api.http.Problem;
import city.parkgrid.api.http.ProblemException;
import city.parkgrid.catalog.Geography;
import city.parkgrid.regions.PlateTakenException;
import city.parkgrid.regions.Region;
import city.parkgrid.regions.RegionLevel;
import city.parkgrid.regions.ResidentRegistry;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashSet;
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
        Region community = geography.findRegion(communityId).orElseThrow(() -> new ProblemException(
                Problem.invalidField("communityId", "no region '" + communityId + "'")));
        if (community.level() != RegionLevel.COMMUNITY) {
            throw new ProblemException(Problem.invalidField("communityId",
                    "'" + communityId + "' is a " + community.level() + ", residents belong to a COMMUNITY"));
        }
        Set<String> plates = plates(body);
        ctx.vertx().executeBlocking(() -> residents.register(communityId, plates), false)
                .onSuccess(resident -> ctx.response().setStatusCode(201)
                        .putHeader("Location", "/v1/residents/" + resident.id())
                        .putHeader("Content-Type", "application/json")
                        .end(ResidentJson.of(resident).encode()))
                .onFailure(failure -> ctx.fail(failure instanceof PlateTakenException taken
                        ? new ProblemException(new Problem(409, "plate-taken", "Plate already registered",
                                taken.getMessage(), "plates"))
                        : failure));
    }

    private static Set<String> plates(JsonObject body) {
        Object value = body.getValue("plates");
        if (!(value instanceof JsonArray array) || array.isEmpty()) {
            throw new ProblemException(Problem.invalidField("plates", "must be a non-empty array of plates"));
        }
        Set<String> plates = new LinkedHashSet<>();
        for (int i = 0; i < array.size(); i++) {
            if (!(array.getValue(i) instanceof String plate)) {
                throw new ProblemException(Problem.invalidField("plates[" + i + "]", "must be a string"));
            }
            try {
                plates.add(Plates.normalise(plate));
            } catch (InvalidInputException e) {
                throw new ProblemException(Problem.invalidField("plates[" + i + "]", e.getMessage()));
            }
        }
        return plates;
    }
}
