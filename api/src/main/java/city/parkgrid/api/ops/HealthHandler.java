package city.parkgrid.api.ops;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code GET /health}: 200 when every backing service answers within a second, otherwise 503 with
 * the failing ones named, so a load balancer takes the node out and the engineer on call sees why.
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
            boolean up = true;
            for (int i = 0; i < checks.size(); i++) {
                JsonObject result = probes.get(i).result();
                results.put(checks.get(i).name(), result);
                up &= "UP".equals(result.getString("status"));
            }
            ctx.response().setStatusCode(up ? 200 : 503);
            ctx.json(new JsonObject().put("status", up ? "UP" : "DOWN").put("checks", results));
        });
    }

    private static Future<JsonObject> probe(RoutingContext ctx, HealthCheck check) {
        return Future.fromCompletionStage(check.probe().get(), ctx.vertx().getOrCreateContext())
                .timeout(PROBE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .map(ok -> new JsonObject().put("status", "UP"))
                .otherwise(failure ->
                        new JsonObject().put("status", "DOWN").put("error", String.valueOf(failure.getMessage())));
    }
}
