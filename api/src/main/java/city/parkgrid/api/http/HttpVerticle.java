package city.parkgrid.api.http;

import city.parkgrid.accounts.AccountService;
import city.parkgrid.api.Node;
import city.parkgrid.api.accounts.AccountHandlers;
import city.parkgrid.api.accounts.SettlementHandlers;
import city.parkgrid.api.allocation.DeleteAllocationHandler;
import city.parkgrid.api.allocation.GetAllocationHandler;
import city.parkgrid.api.allocation.PostAllocationHandler;
import city.parkgrid.api.allocation.PostGuidanceHandler;
import city.parkgrid.api.console.ConsoleAssets;
import city.parkgrid.api.console.ConsoleHandlers;
import city.parkgrid.api.datex2.Datex2Handlers;
import city.parkgrid.api.forecast.ForecastHandlers;
import city.parkgrid.api.history.LotHistoryHandler;
import city.parkgrid.api.history.PostHistoryHandler;
import city.parkgrid.api.history.ZoneHistoryHandler;
import city.parkgrid.api.lots.GetLotHandler;
import city.parkgrid.api.lots.ListLotsHandler;
import city.parkgrid.api.lots.LotStreamHandler;
import city.parkgrid.api.lots.PutLotHandler;
import city.parkgrid.api.occupancy.PostGateEventsHandler;
import city.parkgrid.api.occupancy.PutOccupancySnapshotHandler;
import city.parkgrid.api.ops.HealthHandler;
import city.parkgrid.api.ops.OpenApiHandler;
import city.parkgrid.api.ops.OpenApiJsonHandler;
import city.parkgrid.api.pricing.PricingHandlers;
import city.parkgrid.api.regions.GetRegionHandler;
import city.parkgrid.api.regions.GetResidentHandler;
import city.parkgrid.api.regions.LocateRegionHandler;
import city.parkgrid.api.regions.PostResidentHandler;
import city.parkgrid.api.regions.RegionChildrenHandler;
import city.parkgrid.api.regions.RegionQueries;
import city.parkgrid.api.regions.RegionSummaryHandler;
import city.parkgrid.api.standards.LiveState;
import city.parkgrid.api.standards.apds.ApdsHandlers;
import city.parkgrid.api.standards.ngsild.NgsiLdHandlers;
import city.parkgrid.api.standards.ogc.OgcCollections;
import city.parkgrid.api.standards.ogc.OgcHandlers;
import city.parkgrid.api.standards.parkapi.ParkApiHandlers;
import city.parkgrid.api.tariffs.TariffHandlers;
import city.parkgrid.api.zones.ControlNotices;
import city.parkgrid.api.zones.GetZoneHandler;
import city.parkgrid.api.zones.ListZonesHandler;
import city.parkgrid.api.zones.PutZoneHandler;
import city.parkgrid.api.zones.ZoneFeatures;
import city.parkgrid.api.zones.ZoneStreamHandler;
import city.parkgrid.api.zones.control.ZoneControlHandlers;
import city.parkgrid.app.UseCases;
import city.parkgrid.catalog.Geography;
import city.parkgrid.occupancy.OccupancyService;
import city.parkgrid.zones.control.ZoneControls;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.micrometer.PrometheusScrapingHandler;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Serves the HTTP API: routes only; every handler is its own class. Several instances may run,
 * one per event loop, sharing the port.
 */
public final class HttpVerticle extends VerticleBase {

    /** Largest request body accepted; a full batch of 1,000 gate events is about 150 KiB. */
    public static final long MAX_BODY_BYTES = 1024 * 1024;

    /** The longest request line (method, URI, version) read; a longer one is answered 414. */
    static final int MAX_INITIAL_LINE_BYTES = 4096;

    /** The most header bytes read; more is answered 431. */
    static final int MAX_HEADER_BYTES = 8192;

    /**
     * How long a connection may be silent and how long a request may take to arrive.
     *
     * @param idle nothing read or written for this long closes the connection (Vert.x's idle timeout:
     *     it counts writes, so a stream that writes its keep-alive stays open, and counts a request
     *     head only once complete, so a head trickled byte by byte is cut after this long)
     * @param request a request's whole body must have arrived within this long of its head (for the
     *     first request on a connection) or of the previous response ending (for the next ones, head
     *     included); otherwise the client is answered 408 (if its head arrived) and the connection
     *     closed
     */
    public record Timeouts(Duration idle, Duration request) {

        /** A minute of silence; ten seconds to send a request, which a 1 MiB body needs only on a slow link. */
        public static final Timeouts DEFAULT = new Timeouts(Duration.ofSeconds(60), Duration.ofSeconds(10));

        public Timeouts {
            if (idle == null || idle.isNegative() || idle.isZero()) {
                throw new IllegalArgumentException("http.idleTimeout must be positive, not " + idle);
            }
            if (request == null || request.isNegative() || request.isZero()) {
                throw new IllegalArgumentException("http.requestTimeout must be positive, not " + request);
            }
        }

        /**
         * The streams' keep-alive and poll, kept well under the idle timeout so that a quiet stream
         * is never taken for an idle connection, whatever the operator sets.
         */
        EventStream.Settings streamSettings() {
            EventStream.Settings d = EventStream.Settings.DEFAULT;
            long keepAlive = Math.max(1, Math.min(d.keepAliveMillis(), idle.toMillis() / 3));
            long poll = Math.min(d.pollMillis(), keepAlive);
            return new EventStream.Settings(poll, keepAlive, d.retryMillis(), d.maxQueuedBytes());
        }
    }

    private final Node node;
    private final String host;
    private final int port;
    private final Timeouts timeouts;
    /** The connections of this verticle's server; touched only on its event loop. */
    private final Map<HttpConnection, RequestDeadline> connections = new HashMap<>();

    private HttpServer server;
    private long sweeper;

    public HttpVerticle(Node node, String host, int port) {
        this(node, host, port, Timeouts.DEFAULT);
    }

    public HttpVerticle(Node node, String host, int port, Timeouts timeouts) {
        this.node = node;
        this.host = host;
        this.port = port;
        this.timeouts = timeouts;
    }

    @Override
    public Future<?> start() {
        Router router = router();
        HttpServerOptions options = new HttpServerOptions()
                .setMaxInitialLineLength(MAX_INITIAL_LINE_BYTES)
                .setMaxHeaderSize(MAX_HEADER_BYTES)
                .setIdleTimeout(
                        (int) Math.min(Integer.MAX_VALUE, timeouts.idle().toMillis()))
                .setIdleTimeoutUnit(TimeUnit.MILLISECONDS);
        // Vert.x 5 has no request or header timeout. Its idle timeout sits after the HTTP decoder, so
        // it counts complete heads and body chunks, not bytes: a head trickled a byte at a time
        // (slowloris) is cut by it, at idleTimeout. Vert.x 5 calls connectionHandler only once the
        // first head is decoded, so that first head cannot be timed here; bodies, and the wait for
        // each further request on a kept-alive connection, are swept for overdue requests.
        long sweepMillis = Math.max(20, Math.min(1_000, timeouts.request().toMillis() / 10));
        sweeper = vertx.setPeriodic(sweepMillis, id -> sweep());
        return vertx.createHttpServer(options)
                .invalidRequestHandler(InvalidRequests::answer)
                .connectionHandler(connection -> {
                    // called when the first head is decoded: the first request's allowance starts now
                    connections.put(connection, new RequestDeadline(connection, System.currentTimeMillis()));
                    connection.closeHandler(v -> connections.remove(connection));
                })
                .requestHandler(request -> {
                    RequestDeadline deadline = connections.get(request.connection());
                    if (deadline != null) {
                        deadline.current = request;
                    }
                    if (InvalidRequests.malformedEscapes(request)) {
                        ProblemFailureHandler.write(request, ProblemFailureHandler.malformedEscape(), null);
                        return;
                    }
                    router.handle(request);
                })
                .listen(port, host)
                .onSuccess(s -> server = s);
    }

    @Override
    public Future<?> stop() {
        vertx.cancelTimer(sweeper);
        return Future.succeededFuture();
    }

    /**
     * What a connection is waiting for: a request to arrive (head and body) since {@code since}
     * (the first head, or the previous response ending).
     * A request fully received is the handlers' business (a stream may last hours), not this one's.
     */
    private static final class RequestDeadline {

        private final HttpConnection connection;
        /** When the connection opened or the previous response was seen ended. */
        private long since;
        /** The request whose head has arrived and whose response has not ended, if any. */
        private HttpServerRequest current;

        RequestDeadline(HttpConnection connection, long since) {
            this.connection = connection;
            this.since = since;
        }
    }

    private void sweep() {
        long now = System.currentTimeMillis();
        long limit = timeouts.request().toMillis();
        for (RequestDeadline d : connections.values().toArray(RequestDeadline[]::new)) {
            HttpServerRequest request = d.current;
            if (request != null && request.response().ended()) {
                // answered: the next request on this keep-alive connection gets its own allowance
                d.current = null;
                d.since = now;
            } else if (now - d.since <= limit || request != null && request.isEnded()) {
                continue;
            } else if (request == null) {
                // a kept-alive connection sent no further request (or only part of its head) in time
                connections.remove(d.connection);
                d.connection.close();
            } else {
                connections.remove(d.connection);
                timedOut(request);
            }
        }
    }

    /** The body did not arrive in time: no handler has run (BodyHandler waits for the end), none will. */
    private void timedOut(HttpServerRequest request) {
        HttpConnection connection = request.connection();
        request.response().putHeader("Connection", "close");
        ProblemFailureHandler.write(
                        request,
                        Problem.requestTimeout("the request was not received within "
                                + timeouts.request().toMillis() + " ms"))
                .onComplete(done -> connection.close());
    }

    /** The port actually bound (useful when asked for port 0). */
    public int actualPort() {
        return server.actualPort();
    }

    private static void respond(io.vertx.ext.web.RoutingContext ctx, Problem problem) {
        ProblemFailureHandler.respond(ctx, problem);
    }

    /** The field's standards (OGC API Features, NGSI-LD, APDS, ParkAPI): read-only views of the same live state. */
    private static void standards(Router router, LiveState live, UseCases u, Clock clock) {
        OgcCollections ogc = new OgcCollections(live);
        router.get("/openapi.json").handler(new OpenApiJsonHandler());
        router.get("/ogc").handler(new OgcHandlers.Landing());
        router.get("/ogc/conformance").handler(new OgcHandlers.Conformance());
        router.get("/ogc/collections").handler(new OgcHandlers.Collections(ogc));
        router.get("/ogc/collections/:collectionId").handler(new OgcHandlers.Collection(ogc));
        router.get("/ogc/collections/:collectionId/items").handler(new OgcHandlers.Items(ogc, clock));
        router.get("/ogc/collections/:collectionId/items/:featureId").handler(new OgcHandlers.Item(ogc));
        router.get("/ngsi-ld/v1/entities").handler(new NgsiLdHandlers.Query(live));
        router.get("/ngsi-ld/v1/entities/:entityId").handler(new NgsiLdHandlers.Retrieve(live));
        router.get("/apds/v4/places").handler(new ApdsHandlers.Places(live, clock));
        router.get("/apds/v4/places/:placeId").handler(new ApdsHandlers.Place(live, u.forecasts(), clock));
        router.get("/apds/v4/rates").handler(new ApdsHandlers.Rates(live, u.tariffs(), clock));
        router.get("/parkapi/v3/parking-sites").handler(new ParkApiHandlers.Sites(live));
        router.get("/parkapi/v1/lots").handler(new ParkApiHandlers.V1Lots(live, clock));
    }

    Router router() {
        Router router = Router.router(vertx);
        UseCases u = node.useCases();
        Geography geography = u.geography();
        OccupancyService occupancy = u.occupancy();
        Clock clock = u.clock();
        Authentication authenticated = Authentication.required(node.authenticator());
        // an archive import may be larger than any other body; the first body handler to run is the one used
        router.post("/v1/history")
                .handler(BodyHandler.create(false).setBodyLimit(PostHistoryHandler.MAX_BODY_BYTES))
                .failureHandler(ctx -> {
                    if (ctx.failure() == null && ctx.statusCode() == 413) {
                        respond(ctx, Problem.tooLarge("the archive exceeds 16 MiB; send it in parts"));
                    } else {
                        ctx.next();
                    }
                });
        router.route().handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES));
        router.route().handler(RequestContract.create(vertx));

        router.get("/health").handler(new HealthHandler(node.healthChecks()));
        router.get("/metrics").handler(PrometheusScrapingHandler.create(node.metrics()));
        router.get("/openapi.yaml").handler(new OpenApiHandler());

        // the web console: static files only; it calls the public API like any other client
        ConsoleAssets console = new ConsoleAssets();
        router.get("/").handler(new ConsoleHandlers.Page(console, "index", node.mode(), node.consoleTileUrl()));
        router.get("/wall").handler(new ConsoleHandlers.Page(console, "wall", node.mode(), node.consoleTileUrl()));
        router.get("/console/:asset").handler(new ConsoleHandlers.Asset(console));

        // the reads navigation providers fan out answer from this node's recent copies (at most 500 ms old)
        OccupancyService recent = u.recentOccupancy();
        router.get("/v1/lots").handler(new ListLotsHandler(geography, geography, recent));
        router.get("/v1/lots/stream").handler(new LotStreamHandler(geography, occupancy, timeouts.streamSettings()));
        router.get("/v1/lots/:lotId").handler(new GetLotHandler(geography, recent));
        router.put("/v1/lots/:lotId").handler(authenticated).handler(new PutLotHandler(geography, u.catalog()));
        router.post("/v1/lots/:lotId/events")
                .handler(authenticated)
                .handler(new PostGateEventsHandler(geography, u.gateEvents(), clock, node.metrics()));
        router.put("/v1/lots/:lotId/occupancy")
                .handler(authenticated)
                .handler(new PutOccupancySnapshotHandler(geography, occupancy, clock));

        router.get("/v1/lots/:lotId/history").handler(new LotHistoryHandler(geography, u.history()));
        router.get("/v1/lots/:lotId/forecast").handler(ForecastHandlers.lot(u.forecasts()));
        router.post("/v1/history").handler(authenticated).handler(new PostHistoryHandler(u.history()));

        router.get("/v1/lots/:lotId/tariff").handler(new TariffHandlers.Get(geography, u.lotTariffs()));
        router.get("/v1/lots/:lotId/tariffs").handler(new TariffHandlers.Versions(geography, u.lotTariffs()));
        router.put("/v1/lots/:lotId/tariff")
                .handler(authenticated)
                .handler(new TariffHandlers.Put(geography, u.lotTariffs()));

        AccountService accounts = u.accounts();
        router.post("/v1/accounts").handler(authenticated).handler(new AccountHandlers.Open(accounts));
        router.get("/v1/accounts/:accountId").handler(authenticated).handler(new AccountHandlers.Get(accounts));
        router.get("/v1/accounts/:accountId/sessions")
                .handler(authenticated)
                .handler(new AccountHandlers.Sessions(accounts));
        router.post("/v1/accounts/:accountId/plates")
                .handler(authenticated)
                .handler(new AccountHandlers.AddPlate(accounts));
        router.delete("/v1/accounts/:accountId/plates/:plate")
                .handler(authenticated)
                .handler(new AccountHandlers.RemovePlate(accounts));
        router.post("/v1/accounts/:accountId/topups")
                .handler(authenticated)
                .handler(new AccountHandlers.TopUp(accounts, clock));
        router.get("/v1/operators/:operatorId/settlements")
                .handler(authenticated)
                .handler(new SettlementHandlers.OperatorDay(u.settlement()));
        router.get("/v1/ledger/trial-balance")
                .handler(authenticated)
                .handler(new SettlementHandlers.TrialBalance(u.settlement()));
        router.get("/v1/settlement/unmatched-exits")
                .handler(authenticated)
                .handler(new SettlementHandlers.UnmatchedExits(u.settlement()));

        router.post("/v1/guidance")
                .handler(Authentication.optional(node.authenticator()))
                .handler(new PostGuidanceHandler(u.allocations().guidance()));
        router.post("/v1/allocations")
                .handler(authenticated)
                .handler(new PostAllocationHandler(u.allocations(), geography, clock));
        router.get("/v1/allocations/:allocationId")
                .handler(authenticated)
                .handler(new GetAllocationHandler(u.allocations(), clock));
        router.delete("/v1/allocations/:allocationId")
                .handler(authenticated)
                .handler(new DeleteAllocationHandler(u.allocations(), clock));

        ZoneFeatures zoneFeatures = new ZoneFeatures(geography, occupancy);
        ZoneControls controls = u.controls();
        ControlNotices notices = node.controlNotices();
        router.get("/v1/zones").handler(new ListZonesHandler(geography, zoneFeatures));
        router.get("/v1/zones/stream").handler(new ZoneStreamHandler(controls, timeouts.streamSettings()));
        router.get("/v1/zones/:zoneId/control")
                .handler(new ZoneControlHandlers.GetControl(controls, notices, geography));
        router.put("/v1/zones/:zoneId/control")
                .handler(authenticated)
                .handler(new ZoneControlHandlers.PutControl(controls, notices, geography));
        router.get("/v1/zones/:zoneId/schedules")
                .handler(new ZoneControlHandlers.ListSchedules(controls, notices, geography));
        router.post("/v1/zones/:zoneId/schedules")
                .handler(authenticated)
                .handler(new ZoneControlHandlers.AddSchedule(controls, notices, geography));
        router.delete("/v1/zones/:zoneId/schedules/:scheduleId")
                .handler(authenticated)
                .handler(new ZoneControlHandlers.DeleteSchedule(controls, notices, geography));
        router.get("/v1/zones/:zoneId/trigger")
                .handler(new ZoneControlHandlers.GetTrigger(controls, notices, geography));
        router.put("/v1/zones/:zoneId/trigger")
                .handler(authenticated)
                .handler(new ZoneControlHandlers.PutTrigger(controls, notices, geography));
        router.get("/v1/zones/:zoneId/pricing").handler(authenticated).handler(PricingHandlers.getPolicy(u.pricing()));
        router.put("/v1/zones/:zoneId/pricing").handler(authenticated).handler(PricingHandlers.putPolicy(u.pricing()));
        router.post("/v1/zones/:zoneId/pricing/reviews")
                .handler(authenticated)
                .handler(PricingHandlers.postReview(u.pricing()));
        router.get("/v1/zones/:zoneId/pricing/reviews/:reviewId")
                .handler(authenticated)
                .handler(PricingHandlers.getReview(u.pricing()));
        router.post("/v1/zones/:zoneId/pricing/reviews/:reviewId/approve")
                .handler(authenticated)
                .handler(PricingHandlers.approve(u.pricing()));
        router.get("/v1/zones/:zoneId/audit")
                .handler(authenticated)
                .handler(new ZoneControlHandlers.Audit(controls, notices, geography));
        router.put("/v1/lots/:lotId/status")
                .handler(authenticated)
                .handler(new ZoneControlHandlers.PutLotStatus(controls, notices, geography));
        router.get("/v1/zones/:zoneId/history").handler(new ZoneHistoryHandler(geography, geography, u.history()));
        router.get("/v1/zones/:zoneId/forecast").handler(ForecastHandlers.zone(u.forecasts()));
        router.get("/v1/zones/:zoneId").handler(new GetZoneHandler(geography, zoneFeatures));
        router.put("/v1/zones/:zoneId").handler(authenticated).handler(new PutZoneHandler(geography, u.catalog()));

        // DATEX II v3 (national access points, navigation providers)
        router.get("/v1/datex2/parking-table")
                .handler(new Datex2Handlers.Table(u.datex2().publications(), clock));
        router.get("/v1/datex2/parking-status")
                .handler(new Datex2Handlers.Status(u.datex2().publications(), clock));
        router.post("/v1/datex2/parking-status")
                .handler(authenticated)
                .handler(new Datex2Handlers.PostStatus(u.datex2().statusImport(), clock));

        RegionQueries regions = new RegionQueries(geography, u.regions());
        router.get("/v1/regions/locate").handler(new LocateRegionHandler(regions));
        router.get("/v1/regions/:regionId").handler(new GetRegionHandler(regions));
        router.get("/v1/regions/:regionId/children").handler(new RegionChildrenHandler(regions));
        router.get("/v1/regions/:regionId/summary").handler(new RegionSummaryHandler(regions));
        router.post("/v1/residents").handler(authenticated).handler(new PostResidentHandler(geography, u.residents()));
        router.get("/v1/residents/:residentId").handler(authenticated).handler(new GetResidentHandler(u.residents()));

        standards(router, new LiveState(geography, recent), u, clock);

        router.route().failureHandler(new ProblemFailureHandler());
        router.errorHandler(
                404,
                ctx -> ProblemFailureHandler.respond(
                        ctx, Problem.notFound("no resource at " + ctx.request().path())));
        router.errorHandler(
                405,
                ctx -> ProblemFailureHandler.respond(
                        ctx,
                        Problem.methodNotAllowed(ctx.request().method() + " is not supported on "
                                + ctx.request().path())));
        return router;
    }
}
