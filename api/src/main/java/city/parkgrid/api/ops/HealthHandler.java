package city.parkgrid.api.ops;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

/**
 * {@code GET /health}: 200 when every backing service answers within a second, otherwise 503 with
 * the failing ones named, so a load balancer takes the node out and the engineer on call sees why.
 * A check that answers but leaves the node serving less (live counts lost) makes it DEGRADED, 200.
 */
public final class HealthHandler implements Handler<RoutingContext> {

    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(1);

    private final List<HealthCheck> checks;

    public HealthHandler(List<HealthCheck> checks) {
        this.checks = checks;
    }

    @Override
    public void handle(RoutingContext ctx) {
        List<Future<JsonObject>> probes =
                checks.stream().map(check -> probe(ctx, check)).toList();
        Future.join(probes).onComplete(done -> {
            JsonObject results = new JsonObject();
            boolean down = false;
            boolean degraded = false;
            for (int i = 0; i < checks.size(); i++) {
                JsonObject result = probes.get(i).result();
                results.put(checks.get(i).name(), result);
                down |= "DOWN".equals(result.getString("status"));
                degraded |= "DEGRADED".equals(result.getString("status"));
            }
            ctx.response().setStatusCode(down ? 503 : 200);
            ctx.json(new JsonObject()
                    .put("status", down ? "DOWN" : degraded ? "DEGRADED" : "UP")
                    .put("checks", results));
        });
    }

    private static Future<JsonObject> probe(RoutingContext ctx, HealthCheck check) {
        return Future.fromCompletionStage(check.probe().get(), ctx.vertx().getOrCreateContext())
                .timeout(PROBE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .map(ok -> new JsonObject().put("status", "UP"))
                .otherwise(failure -> {
                    Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                            ? failure.getCause()
                            : failure;
                    return new JsonObject()
                            .put("status", cause instanceof HealthCheck.Degraded ? "DEGRADED" : "DOWN")
                            .put("error", String.valueOf(cause.getMessage()));
                });
    }
}
