package city.parkgrid.api.allocation;

import city.parkgrid.allocation.Guidance;
import city.parkgrid.api.http.JsonInput;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code POST /v1/guidance}: where to park for a destination, best first. Open to all (navigation
 * apps ask before the driver has an account); a token, when sent, must be valid.
 */
public final class PostGuidanceHandler implements Handler<RoutingContext> {

    private final Guidance guidance;

    public PostGuidanceHandler(Guidance guidance) {
        this.guidance = guidance;
    }

    @Override
    public void handle(RoutingContext ctx) {
        var request = GuidanceJson.request(JsonInput.object(ctx.body().buffer()));
        Future.fromCompletionStage(guidance.options(request), ctx.vertx().getOrCreateContext())
                .onSuccess(result -> ctx.json(GuidanceJson.withDiversion(
                        new JsonObject()
                                .put(
                                        "options",
                                        new JsonArray(result.options().stream()
                                                .map(GuidanceJson::option)
                                                .toList())),
                        result.diversion())))
                .onFailure(ctx::fail);
    }
}
