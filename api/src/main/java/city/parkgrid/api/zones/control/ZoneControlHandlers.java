package city.parkgrid.api.zones.control;

import city.parkgrid.NotFoundException;
import city.parkgrid.access.Principal;
import city.parkgrid.access.Role;
import city.parkgrid.api.http.Authentication;
import city.parkgrid.api.http.JsonInput;
import city.parkgrid.api.http.Problem;
import city.parkgrid.api.http.ProblemException;
import city.parkgrid.api.lots.LotAccess;
import city.parkgrid.api.zones.ControlNotices;
import city.parkgrid.catalog.Geography;
import city.parkgrid.lots.Lot;
import city.parkgrid.zones.control.ZoneControls;
import city.parkgrid.zones.control.ZoneMode;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.concurrent.Callable;

/**
 * The bureau's management mechanism over HTTP. Writes are the bureau's (lot status: the lot's
 * operator); each runs on a worker, puts the change into effect on this node at once and announces
 * it on the event bus so every node follows within a second.
 */
public final class ZoneControlHandlers {

    private ZoneControlHandlers() {}

    /** A bureau's write to a unit that exists, with its JSON body. */
    record BureauWrite(Principal bureau, String zoneId, JsonObject body) {}

    /** What every zone-control handler needs: the controls, how to tell other nodes, the geography. */
    abstract static class ControlHandler implements Handler<RoutingContext> {
        protected final ZoneControls controls;
        protected final ControlNotices notices;
        protected final Geography geography;

        ControlHandler(ZoneControls controls, ControlNotices notices, Geography geography) {
            this.controls = controls;
            this.notices = notices;
            this.geography = geography;
        }

        /** Authorizes the bureau (403 otherwise), finds the unit (404) and reads the body (400), in that order. */
        protected BureauWrite bureauWrite(RoutingContext ctx) {
            Principal bureau = Authentication.requireRole(ctx, Role.BUREAU);
            String zoneId = ctx.pathParam("zoneId");
            requireZone(geography, zoneId);
            return new BureauWrite(bureau, zoneId, JsonInput.object(ctx.body().buffer()));
        }
    }

    static void requireZone(Geography geography, String zoneId) {
        if (geography.findZone(zoneId).isEmpty()) {
            throw new NotFoundException("parking unit", zoneId);
        }
    }

    /**
     * Runs a change on a worker (the use case stores it and puts it into effect on this node),
     * tells the other nodes, then answers.
     */
    static void change(RoutingContext ctx, ControlNotices notices, int status, Callable<JsonObject> work) {
        ctx.vertx()
                .executeBlocking(work, false)
                .onSuccess(json -> {
                    notices.announce(
                            ctx.vertx().eventBus(), ctx.pathParam("zoneId") == null ? "" : ctx.pathParam("zoneId"));
                    ctx.response()
                            .setStatusCode(status)
                            .putHeader("Content-Type", "application/json")
                            .end(json.encode());
                })
                .onFailure(ctx::fail);
    }

    static ZoneMode mode(JsonObject body) {
        return JsonInput.requiredEnum(body, "mode", "mode", ZoneMode.class);
    }

    /** {@code PUT /v1/zones/{zoneId}/control} (bureau). */
    public static final class PutControl extends ControlHandler {

        public PutControl(ZoneControls controls, ControlNotices notices, Geography geography) {
            super(controls, notices, geography);
        }

        @Override
        public void handle(RoutingContext ctx) {
            BureauWrite write = bureauWrite(ctx);
            Principal bureau = write.bureau();
            String zoneId = write.zoneId();
            JsonObject body = write.body();
            ZoneMode mode = mode(body);
            String reason = JsonInput.optionalString(body, "reason", "reason");
            Instant until = body.getValue("until") == null ? null : JsonInput.requiredInstant(body, "until", "until");
            var policy = ControlJson.policy(body.getValue("policy"));
            change(
                    ctx,
                    notices,
                    200,
                    () -> ControlJson.control(
                            controls.setControl(zoneId, mode, reason, until, policy, bureau.describe())));
        }
    }

    /** {@code GET /v1/zones/{zoneId}/control} (open): the control in force, and why. */
    public static final class GetControl extends ControlHandler {

        public GetControl(ZoneControls controls, ControlNotices notices, Geography geography) {
            super(controls, notices, geography);
        }

        @Override
        public void handle(RoutingContext ctx) {
            String zoneId = ctx.pathParam("zoneId");
            requireZone(geography, zoneId);
            ctx.json(ControlJson.control(controls.current(zoneId)));
        }
    }

    /** {@code POST /v1/zones/{zoneId}/schedules} (bureau). */
    public static final class AddSchedule extends ControlHandler {

        public AddSchedule(ZoneControls controls, ControlNotices notices, Geography geography) {
            super(controls, notices, geography);
        }

        @Override
        public void handle(RoutingContext ctx) {
            BureauWrite write = bureauWrite(ctx);
            Principal bureau = write.bureau();
            String zoneId = write.zoneId();
            JsonObject body = write.body();
            ZoneMode mode = mode(body);
            var policy = ControlJson.policy(body.getValue("policy"));
            var days = ControlJson.days(body.getValue("days"));
            var from = JsonInput.requiredLocalTime(body, "from", "from");
            var to = JsonInput.requiredLocalTime(body, "to", "to");
            change(
                    ctx,
                    notices,
                    201,
                    () -> ControlJson.schedule(
                            controls.addSchedule(zoneId, mode, policy, days, from, to, bureau.describe())));
        }
    }

    /** {@code GET /v1/zones/{zoneId}/schedules} (open). */
    public static final class ListSchedules extends ControlHandler {

        public ListSchedules(ZoneControls controls, ControlNotices notices, Geography geography) {
            super(controls, notices, geography);
        }

        @Override
        public void handle(RoutingContext ctx) {
            String zoneId = ctx.pathParam("zoneId");
            requireZone(geography, zoneId);
            ctx.vertx()
                    .executeBlocking(
                            () -> new JsonObject()
                                    .put(
                                            "schedules",
                                            new JsonArray(controls.listSchedules(zoneId).stream()
                                                    .map(ControlJson::schedule)
                                                    .toList())),
                            false)
                    .onSuccess(ctx::json)
                    .onFailure(ctx::fail);
        }
    }

    /** {@code DELETE /v1/zones/{zoneId}/schedules/{scheduleId}} (bureau). */
    public static final class DeleteSchedule extends ControlHandler {

        public DeleteSchedule(ZoneControls controls, ControlNotices notices, Geography geography) {
            super(controls, notices, geography);
        }

        @Override
        public void handle(RoutingContext ctx) {
            Principal bureau = Authentication.requireRole(ctx, Role.BUREAU);
            String zoneId = ctx.pathParam("zoneId");
            String scheduleId = ctx.pathParam("scheduleId");
            change(ctx, notices, 200, () -> {
                controls.deleteSchedule(zoneId, scheduleId, bureau.describe());
                return new JsonObject().put("deleted", scheduleId);
            });
        }
    }

    /** {@code PUT /v1/zones/{zoneId}/trigger} (bureau). */
    public static final class PutTrigger extends ControlHandler {

        public PutTrigger(ZoneControls controls, ControlNotices notices, Geography geography) {
            super(controls, notices, geography);
        }

        @Override
        public void handle(RoutingContext ctx) {
            BureauWrite write = bureauWrite(ctx);
            Principal bureau = write.bureau();
            String zoneId = write.zoneId();
            JsonObject body = write.body();
            if (!(body.getValue("occupancyAbove") instanceof Number above)) {
                throw new ProblemException(Problem.invalidField("occupancyAbove", "must be a number in (0, 1]"));
            }
            int forMinutes = JsonInput.requiredInt(body, "forMinutes", "forMinutes");
            Object below = body.getValue("releaseBelow");
            if (below != null && !(below instanceof Number)) {
                throw new ProblemException(
                        Problem.invalidField("releaseBelow", "must be a number below occupancyAbove"));
            }
            Double releaseBelow = below == null ? null : ((Number) below).doubleValue();
            Integer minActiveMinutes = body.getValue("minActiveMinutes") == null
                    ? null
                    : JsonInput.requiredInt(body, "minActiveMinutes", "minActiveMinutes");
            ZoneMode mode = mode(body);
            var policy = ControlJson.policy(body.getValue("policy"));
            change(
                    ctx,
                    notices,
                    200,
                    () -> ControlJson.trigger(controls.putTrigger(
                            zoneId,
                            above.doubleValue(),
                            forMinutes,
                            releaseBelow,
                            minActiveMinutes,
                            mode,
                            policy,
                            bureau.describe())));
        }
    }

    /** {@code GET /v1/zones/{zoneId}/trigger} (open). */
    public static final class GetTrigger extends ControlHandler {

        public GetTrigger(ZoneControls controls, ControlNotices notices, Geography geography) {
            super(controls, notices, geography);
        }

        @Override
        public void handle(RoutingContext ctx) {
            String zoneId = ctx.pathParam("zoneId");
            requireZone(geography, zoneId);
            ctx.vertx()
                    .executeBlocking(() -> controls.findTrigger(zoneId), false)
                    .onSuccess(found -> found.ifPresentOrElse(
                            t -> ctx.json(ControlJson.trigger(t)),
                            () -> ctx.fail(
                                    new NotFoundException("trigger", zoneId, "unit '" + zoneId + "' has no trigger"))))
                    .onFailure(ctx::fail);
        }
    }

    /** {@code GET /v1/zones/{zoneId}/audit} (bureau): every change, newest first. */
    public static final class Audit extends ControlHandler {

        public Audit(ZoneControls controls, ControlNotices notices, Geography geography) {
            super(controls, notices, geography);
        }

        @Override
        public void handle(RoutingContext ctx) {
            Authentication.requireRole(ctx, Role.BUREAU);
            String zoneId = ctx.pathParam("zoneId");
            requireZone(geography, zoneId);
            ctx.vertx()
                    .executeBlocking(
                            () -> new JsonObject()
                                    .put(
                                            "entries",
                                            new JsonArray(controls.audit(zoneId).stream()
                                                    .map(ControlJson::audit)
                                                    .toList())),
                            false)
                    .onSuccess(ctx::json)
                    .onFailure(ctx::fail);
        }
    }

    /** {@code PUT /v1/lots/{lotId}/status} {@code {"status": "OPEN"|"CLOSED"}} (the lot's operator). */
    public static final class PutLotStatus extends ControlHandler {

        public PutLotStatus(ZoneControls controls, ControlNotices notices, Geography geography) {
            super(controls, notices, geography);
        }

        @Override
        public void handle(RoutingContext ctx) {
            Lot lot = LotAccess.requireOperatedLot(ctx, geography);
            String status = JsonInput.requiredString(JsonInput.object(ctx.body().buffer()), "status", "status");
            if (!status.equals("OPEN") && !status.equals("CLOSED")) {
                throw new ProblemException(Problem.invalidField("status", "must be OPEN or CLOSED"));
            }
            String operator = Authentication.principal(ctx).describe();
            change(ctx, notices, 200, () -> {
                controls.setLotStatus(lot, status.equals("CLOSED"), operator);
                return new JsonObject().put("lotId", lot.id()).put("status", status);
            });
        }
    }
}
