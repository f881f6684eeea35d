package city.parkgrid.api.regions;

import city.parkgrid.InvalidInputException;
import city.parkgrid.api.http.Problem;
import city.parkgrid.api.http.ProblemFailureHandler;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;

/**
 * Serves the hierarchy's look-ups on the event bus at {@value #ADDRESS}, for city services running
 * in the same Vert.x cluster. Request/reply; message shapes in {@code docs/EVENT-BUS.md}: a request
 * is {@code {"action": "locate"|"get"|"children"|"summary", ...}} and the reply is the same JSON the
 * HTTP endpoint returns; failures reply with the HTTP status as failure code and the detail as
 * message.
 */
public final class RegionsBusVerticle extends VerticleBase {

    public static final String ADDRESS = "parkgrid.regions";

    private final RegionQueries queries;
    private MessageConsumer<JsonObject> consumer;

    public RegionsBusVerticle(RegionQueries queries) {
        this.queries = queries;
    }

    @Override
    public Future<?> start() {
        consumer = vertx.eventBus().consumer(ADDRESS, this::answer);
        return consumer.completion();
    }

    private void answer(Message<JsonObject> message) {
        JsonObject request = message.body() == null ? new JsonObject() : message.body();
        try {
            String action = request.getString("action", "");
            Future<JsonObject> reply = switch (action) {
                case "locate" ->
                    Future.succeededFuture(queries.locate(
                            LocateRegionHandler.point(text(request.getValue("lat")), text(request.getValue("lon")))));
                case "get" -> Future.succeededFuture(queries.feature(request.getString("id", "")));
                case "children" -> Future.succeededFuture(queries.children(request.getString("id", "")));
                case "summary" -> queries.summary(vertx, request.getString("id", ""));
                default ->
                    Future.failedFuture(new InvalidInputException(
                            "action", "must be locate, get, children or summary, was '" + action + "'"));
            };
            reply.onSuccess(message::reply).onFailure(failure -> fail(message, failure));
        } catch (RuntimeException e) {
            fail(message, e);
        }
    }

    private static String text(Object value) {
        return value == null ? null : String.valueOf(value);
    }

    /** Refusals carry the HTTP status the same refusal has over HTTP, as the failure code. */
    private static void fail(Message<JsonObject> message, Throwable failure) {
        Problem problem = ProblemFailureHandler.problemOf(failure, "event bus " + message.address());
        message.fail(problem.status(), problem.detail());
    }
}
