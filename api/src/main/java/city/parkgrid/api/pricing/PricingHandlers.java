package city.parkgrid.api.pricing;

import city.parkgrid.access.Principal;
import city.parkgrid.access.Role;
import city.parkgrid.api.http.Authentication;
import city.parkgrid.api.http.JsonInput;
import city.parkgrid.pricing.PricingJson;
import city.parkgrid.pricing.ZonePricing;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.concurrent.Callable;

/**
 * A unit's demand-responsive pricing (bureau only): the policy, its reviews and their approval.
 * Thin: {@link ZonePricing} decides; the stores block, so calls run on workers.
 */
public final class PricingHandlers {

    private PricingHandlers() {}

    private static void answer(RoutingContext ctx, int status, Callable<JsonObject> work) {
        ctx.vertx()
                .executeBlocking(work, false)
                .onSuccess(json -> ctx.response()
                        .setStatusCode(status)
                        .putHeader("Content-Type", "application/json")
                        .end(json.encode()))
                .onFailure(ctx::fail);
    }

    private static JsonObject json(com.fasterxml.jackson.databind.JsonNode node) {
        return new JsonObject(node.toString());
    }

    /** A body that may be left out: none is an empty object. */
    private static JsonObject optionalBody(RoutingContext ctx) {
        return ctx.body().buffer() == null || ctx.body().buffer().length() == 0
                ? new JsonObject()
                : JsonInput.object(ctx.body().buffer());
    }

    /** {@code PUT /v1/zones/{zoneId}/pricing}. */
    public static Handler<RoutingContext> putPolicy(ZonePricing pricing) {
        return ctx -> {
            Principal bureau = Authentication.requireRole(ctx, Role.BUREAU);
            String body = JsonInput.object(ctx.body().buffer()).encode();
            String zoneId = ctx.pathParam("zoneId");
            answer(ctx, 200, () -> json(PricingJson.policy(pricing.putPolicy(zoneId, body, bureau.describe()))));
        };
    }

    /** {@code GET /v1/zones/{zoneId}/pricing}: 404 when the unit has none. */
    public static Handler<RoutingContext> getPolicy(ZonePricing pricing) {
        return ctx -> {
            Authentication.requireRole(ctx, Role.BUREAU);
            String zoneId = ctx.pathParam("zoneId");
            answer(
                    ctx,
                    200,
                    () -> json(PricingJson.policy(pricing.findPolicy(zoneId)
                            .orElseThrow(() -> new city.parkgrid.NotFoundException(
                                    "pricing policy", zoneId, "unit '" + zoneId + "' has no pricing policy")))));
        };
    }

    /** {@code POST /v1/zones/{zoneId}/pricing/reviews} {@code {"basis"?}}: 201 with the proposals. */
    public static Handler<RoutingContext> postReview(ZonePricing pricing) {
        return ctx -> {
            Principal bureau = Authentication.requireRole(ctx, Role.BUREAU);
            String zoneId = ctx.pathParam("zoneId");
            String basis = JsonInput.optionalString(optionalBody(ctx), "basis", "basis");
            String on = basis == null ? ZonePricing.HISTORY : basis;
            answer(ctx, 201, () -> json(PricingJson.review(pricing.review(zoneId, on, bureau.describe()))));
        };
    }

    /** {@code GET /v1/zones/{zoneId}/pricing/reviews/{reviewId}}. */
    public static Handler<RoutingContext> getReview(ZonePricing pricing) {
        return ctx -> {
            Authentication.requireRole(ctx, Role.BUREAU);
            String zoneId = ctx.pathParam("zoneId");
            String reviewId = ctx.pathParam("reviewId");
            answer(ctx, 200, () -> json(PricingJson.review(pricing.findReview(zoneId, reviewId))));
        };
    }

    /** {@code POST /v1/zones/{zoneId}/pricing/reviews/{reviewId}/approve} {@code {"effectiveFrom"?}}. */
    public static Handler<RoutingContext> approve(ZonePricing pricing) {
        return ctx -> {
            Principal bureau = Authentication.requireRole(ctx, Role.BUREAU);
            String zoneId = ctx.pathParam("zoneId");
            String reviewId = ctx.pathParam("reviewId");
            JsonObject body = optionalBody(ctx);
            Instant effectiveFrom = body.getValue("effectiveFrom") == null
                    ? null
                    : JsonInput.requiredInstant(body, "effectiveFrom", "effectiveFrom");
            answer(
                    ctx,
                    200,
                    () -> json(
                            PricingJson.review(pricing.approve(zoneId, reviewId, effectiveFrom, bureau.describe()))));
        };
    }
}
