package city.parkgrid.api.allocation;

import city.parkgrid.Plates;
import city.parkgrid.access.Principal;
import city.parkgrid.access.Role;
import city.parkgrid.allocation.AllocationRequest;
import city.parkgrid.allocation.AllocationService;
import city.parkgrid.allocation.GuidanceRequest;
import city.parkgrid.api.http.Authentication;
import city.parkgrid.api.http.JsonInput;
import city.parkgrid.api.http.Problem;
import city.parkgrid.api.http.ProblemException;
import city.parkgrid.api.lots.GetLotHandler;
import city.parkgrid.lots.LotCatalog;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;

/**
 * {@code POST /v1/allocations} (drivers): holds a space in a named lot ({@code lotId}) or in the
 * best lot for a destination, until the driver arrives or the hold expires. No space is a 409
 * problem listing alternatives beyond the walking limit, park-and-ride first.
 */
public final class PostAllocationHandler implements Handler<RoutingContext> {

    static final int MAX_HOLD_SECONDS_ASKED = 24 * 60 * 60;

    private final AllocationService allocations;
    private final LotCatalog lots;
    private final Clock clock;

    public PostAllocationHandler(AllocationService allocations, LotCatalog lots, Clock clock) {
        this.allocations = allocations;
        this.lots = lots;
        this.clock = clock;
    }

    @Override
    public void handle(RoutingContext ctx) {
        Principal driver = Authentication.requireRole(ctx, Role.DRIVER);
        JsonObject body = JsonInput.object(ctx.body().buffer());
        String plate = Plates.normalise(JsonInput.requiredString(body, "plate", "plate"));
        String lotId = JsonInput.optionalString(body, "lotId", "lotId");
        if ((lotId == null) == (body.getValue("destination") == null)) {
            throw new ProblemException(
                    Problem.invalidField("lotId", "send either lotId or destination, not both or neither"));
        }
        if (lotId != null) {
            GetLotHandler.requireLot(lots, lotId);
        }
        if (lotId != null && body.getValue("arriveAt") != null) {
            JsonInput.requiredInstant(body, "arriveAt", "arriveAt"); // unused with a lot, still in range
        }
        GuidanceRequest wish = lotId == null ? GuidanceJson.request(body) : null;
        Duration holdFor = null;
        if (body.getValue("holdSeconds") != null) {
            int seconds = JsonInput.requiredInt(body, "holdSeconds", "holdSeconds");
            if (seconds < 1 || seconds > MAX_HOLD_SECONDS_ASKED) {
                throw new ProblemException(Problem.invalidField("holdSeconds", "must be between 1 and 86400"));
            }
            holdFor = Duration.ofSeconds(seconds);
        }
        AllocationRequest request = new AllocationRequest(driver.id(), plate, lotId, wish, holdFor);
        Future.fromCompletionStage(
                        allocations.allocate(request, clock.instant()),
                        ctx.vertx().getOrCreateContext())
                .onSuccess(outcome -> {
                    if (outcome.plateHeldByAnother()) {
                        ctx.fail(new ProblemException(new Problem(
                                409,
                                "plate-held",
                                "Plate has a space held by another driver",
                                "a space is held for plate " + plate + " by another driver",
                                "plate")));
                        return;
                    }
                    if (!outcome.granted()) {
                        ctx.fail(new ProblemException(new Problem(
                                        409,
                                        "no-space",
                                        "No space could be held",
                                        lotId != null
                                                ? "lot '" + lotId + "' has no free space"
                                                : "no lot within " + Math.round(wish.maxWalkMetres())
                                                        + " m of the destination has a free space",
                                        null)
                                .with(
                                        "diversion",
                                        outcome.diversion() == null
                                                ? null
                                                : outcome.diversion().reason())
                                .with(
                                        "alternatives",
                                        new JsonArray(outcome.alternatives().stream()
                                                .map(GuidanceJson::alternative)
                                                .toList()))));
                        return;
                    }
                    ctx.response()
                            .setStatusCode(201)
                            .putHeader(
                                    "Location",
                                    "/v1/allocations/" + outcome.hold().id())
                            .putHeader("Content-Type", "application/json")
                            .end(GuidanceJson.withDiversion(
                                            AllocationJson.of(outcome.hold())
                                                    .put("walkMeters", Math.round(outcome.walkMetres())),
                                            outcome.diversion())
                                    .encode());
                })
                .onFailure(ctx::fail);
    }
}
