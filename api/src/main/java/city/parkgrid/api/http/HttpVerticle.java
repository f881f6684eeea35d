package city.parkgrid.api.http;

import city.parkgrid.accounts.AccountService;
import city.parkgrid.api.Node;
import city.parkgrid.api.accounts.AccountHandlers;
import city.parkgrid.api.accounts.SettlementHandlers;
import city.parkgrid.api.allocation.DeleteAllocationHandler;
import city.parkgrid.api.allocation.GetAllocationHandler;
import city.parkgrid.api.allocation.PostAllocationHandler;
import city.parkgrid.api.allocation.PostGuidanceHandler;
import city.parkgrid.api.lots.GetLotHandler;
import city.parkgrid.api.lots.ListLotsHandler;
import city.parkgrid.api.lots.LotStreamHandler;
import city.parkgrid.api.lots.PutLotHandler;
import city.parkgrid.api.occupancy.PostGateEventsHandler;
import city.parkgrid.api.occupancy.PutOccupancySnapshotHandler;
import city.parkgrid.api.ops.HealthHandler;
import city.parkgrid.api.ops.OpenApiHandler;
import city.parkgrid.api.regions.GetRegionHandler;
import city.parkgrid.api.regions.GetResidentHandler;
import city.parkgrid.api.regions.LocateRegionHandler;
import city.parkgrid.api.regions.PostResidentHandler;
import city.parkgrid.api.regions.RegionChildrenHandler;
import city.parkgrid.api.regions.RegionQueries;
import city.parkgrid.api.regions.RegionSummaryHandler;
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
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.micrometer.PrometheusScrapingHandler;
import java.time.Clock;

/**
 * Serves the HTTP API: routes only; every handler is its own class. Several instances may run,
 * one per event loop, sharing the port.
 */
public final class HttpVerticle extends VerticleBase {

    /** Largest request body accepted; a full batch of 1,000 gate events is about 150 KiB. */
    public static final long MAX_BODY_BYTES = 1024 * 1024;

    private final Node node;
    private final String host;
    private final int port;
    private HttpServer server;

    public HttpVerticle(Node node, String host, int port) {
        this.node = node;
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
        UseCases u = node.useCases();
        Geography geography = u.geography();
        OccupancyService occupancy = u.occupancy();
        Clock clock = u.clock();
        Authentication authenticated = Authentication.required(node.authenticator());
        router.route().handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES));
        router.route().handler(RequestContract.create(vertx));

        router.get("/health").handler(new HealthHandler(node.healthChecks()));
        router.get("/metrics").handler(PrometheusScrapingHandler.create(node.metrics()));
        router.get("/openapi.yaml").handler(new OpenApiHandler());

        router.get("/v1/lots").handler(new ListLotsHandler(geography, geography, occupancy));
        router.get("/v1/lots/stream").handler(new LotStreamHandler(geography, occupancy));
        router.get("/v1/lots/:lotId").handler(new GetLotHandler(geography, occupancy));
        router.put("/v1/lots/:lotId").handler(authenticated).handler(new PutLotHandler(geography, u.catalog()));
        router.post("/v1/lots/:lotId/events")
                .handler(authenticated)
                .handler(new PostGateEventsHandler(geography, u.gateEvents(), clock, node.metrics()));
        router.put("/v1/lots/:lotId/occupancy")
                .handler(authenticated)
                .handler(new PutOccupancySnapshotHandler(geography, occupancy, clock));

        router.get("/v1/lots/:lotId/tariff").handler(new TariffHandlers.Get(geography, u.tariffs()));
        router.put("/v1/lots/:lotId/tariff")
                .handler(authenticated)
                .handler(new TariffHandlers.Put(geography, u.tariffs()));

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
        router.get("/v1/zones/stream").handler(new ZoneStreamHandler(controls));
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
        router.get("/v1/zones/:zoneId/audit")
                .handler(authenticated)
                .handler(new ZoneControlHandlers.Audit(controls, notices, geography));
        router.put("/v1/lots/:lotId/status")
                .handler(authenticated)
                .handler(new ZoneControlHandlers.PutLotStatus(controls, notices, geography));
        router.get("/v1/zones/:zoneId").handler(new GetZoneHandler(geography, zoneFeatures));
        router.put("/v1/zones/:zoneId").handler(authenticated).handler(new PutZoneHandler(geography, u.catalog()));

        RegionQueries regions = new RegionQueries(geography, u.regions());
        router.get("/v1/regions/locate").handler(new LocateRegionHandler(regions));
        router.get("/v1/regions/:regionId").handler(new GetRegionHandler(regions));
        router.get("/v1/regions/:regionId/children").handler(new RegionChildrenHandler(regions));
        router.get("/v1/regions/:regionId/summary").handler(new RegionSummaryHandler(regions));
        router.post("/v1/residents").handler(authenticated).handler(new PostResidentHandler(geography, u.residents()));
        router.get("/v1/residents/:residentId").handler(authenticated).handler(new GetResidentHandler(u.residents()));

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
