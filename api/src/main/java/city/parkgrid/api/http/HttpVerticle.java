package city.parkgrid.api.http;

import city.parkgrid.api.Platform;
import city.parkgrid.api.lots.GetLotHandler;
import city.parkgrid.api.lots.ListLotsHandler;
import city.parkgrid.api.occupancy.PostGateEventsHandler;
import city.parkgrid.api.occupancy.PutOccupancySnapshotHandler;
import city.parkgrid.api.ops.HealthHandler;
import city.parkgrid.api.ops.OpenApiHandler;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.micrometer.PrometheusScrapingHandler;

/**
 * Serves the HTTP API: routes only; every handler is its own class. Several instances may run,
 * one per event loop, sharing the port.
 */
public final class HttpVerticle extends VerticleBase {

    /** Largest request body accepted; a full batch of 1,000 gate events is about 150 KiB. */
    public static final long MAX_BODY_BYTES = 1024 * 1024;

    private final Platform platform;
    private final String host;
    private final int port;
    private HttpServer server;

    public HttpVerticle(Platform platform, String host, int port) {
        this.platform = platform;
        this.host = host;
        this.port = port;
    }

    @Override
    public Future<?> start() {
        return vertx.createHttpServer()
                .requestHandler(router())
                .listen(port, host)
                .onSuccess(s -> server = s);
    }

    /** The port actually bound (useful when asked for port 0). */
    public int actualPort() {
        return server.actualPort();
    }

    Router router() {
        Router router = Router.router(vertx);
        Authentication authenticated = new Authentication(platform.authenticator());
        router.route().handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES));

        router.get("/health").handler(new HealthHandler(platform.healthChecks()));
        router.get("/metrics").handler(PrometheusScrapingHandler.create(platform.metrics()));
        router.get("/openapi.yaml").handler(new OpenApiHandler());

        router.get("/v1/lots").handler(new ListLotsHandler(platform.lots(), platform.zones(),
                platform.occupancy().store()));
        router.get("/v1/lots/:lotId").handler(new GetLotHandler(platform.lots(), platform.occupancy().store()));
        router.post("/v1/lots/:lotId/events").handler(authenticated).handler(new PostGateEventsHandler(
                platform.lots(), platform.occupancy(), platform.clock(), platform.metrics()));
        router.put("/v1/lots/:lotId/occupancy").handler(authenticated).handler(new PutOccupancySnapshotHandler(
                platform.lots(), platform.occupancy(), platform.clock()));

        router.route().failureHandler(new ProblemFailureHandler());
        router.errorHandler(404, ctx -> ProblemFailureHandler.respond(ctx,
                Problem.notFound("no resource at " + ctx.request().path())));
        router.errorHandler(405, ctx -> ProblemFailureHandler.respond(ctx, Problem.methodNotAllowed(
                ctx.request().method() + " is not supported on " + ctx.request().path())));
        return router;
    }
}
