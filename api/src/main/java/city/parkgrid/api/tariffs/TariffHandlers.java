package city.parkgrid.api.tariffs;

import city.parkgrid.NotFoundException;
import city.parkgrid.api.http.JsonInput;
import city.parkgrid.api.http.QueryParams;
import city.parkgrid.api.lots.GetLotHandler;
import city.parkgrid.api.lots.LotAccess;
import city.parkgrid.lots.Lot;
import city.parkgrid.lots.LotCatalog;
import city.parkgrid.money.Money;
import city.parkgrid.pricing.LotTariffs;
import city.parkgrid.tariffs.BandRatesJson;
import city.parkgrid.tariffs.Tariff;
import city.parkgrid.tariffs.TariffVersion;
import io.vertx.core.Handler;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.List;

/**
 * A lot's tariff versions: set (now or scheduled) by its operator, read by anyone. The store may
 * block: calls run on workers.
 */
public final class TariffHandlers {

    private TariffHandlers() {}

    public static JsonObject json(Tariff t) {
        return new JsonObject()
                .put("freeMinutes", t.freeMinutes())
                .put("unitMinutes", t.unitMinutes())
                .put("dayRateFen", t.dayRate().fen())
                .put("nightRateFen", t.nightRate().fen())
                .put("dayStarts", t.dayStarts().toString())
                .put("nightStarts", t.nightStarts().toString())
                .put("dailyCapFen", t.dailyCap().fen())
                .put("residentDiscountPercent", t.residentDiscountPercent())
                .put("timeZone", "Asia/Shanghai");
    }

    public static JsonObject json(TariffVersion v) {
        JsonObject json =
                json(v.tariff()).put("effectiveFrom", v.effectiveFrom().toString());
        if (!v.tariff().bandRates().isEmpty()) {
            json.put("bandRates", new JsonArray(BandRatesJson.write(v.tariff().bandRates())));
        }
        if (v.policyZoneId() != null) {
            json.put("pricingPolicy", v.policyZoneId());
        }
        return json;
    }

    static Tariff parse(JsonObject body) {
        int unit = body.getValue("unitMinutes") == null
                ? Tariff.DEFAULT_UNIT_MINUTES
                : JsonInput.requiredInt(body, "unitMinutes", "unitMinutes");
        int discount = body.getValue("residentDiscountPercent") == null
                ? 0
                : JsonInput.requiredInt(body, "residentDiscountPercent", "residentDiscountPercent");
        return new Tariff(
                JsonInput.requiredInt(body, "freeMinutes", "freeMinutes"),
                unit,
                Money.ofFen(JsonInput.requiredInt(body, "dayRateFen", "dayRateFen")),
                Money.ofFen(JsonInput.requiredInt(body, "nightRateFen", "nightRateFen")),
                JsonInput.requiredLocalTime(body, "dayStarts", "dayStarts"),
                JsonInput.requiredLocalTime(body, "nightStarts", "nightStarts"),
                Money.ofFen(JsonInput.requiredInt(body, "dailyCapFen", "dailyCapFen")),
                discount,
                body.getValue("bandRates") == null
                        ? List.of()
                        : BandRatesJson.read(Json.encode(body.getValue("bandRates")), "bandRates"));
    }

    /** {@code PUT /v1/lots/{lotId}/tariff} (the lot's operator), optionally from a future {@code effectiveFrom}. */
    public static final class Put implements Handler<RoutingContext> {
        private final LotCatalog lots;
        private final LotTariffs tariffs;

        public Put(LotCatalog lots, LotTariffs tariffs) {
            this.lots = lots;
            this.tariffs = tariffs;
        }

        @Override
        public void handle(RoutingContext ctx) {
            Lot lot = LotAccess.requireOperatedLot(ctx, lots);
            JsonObject body = JsonInput.object(ctx.body().buffer());
            Tariff tariff = parse(body);
            Instant effectiveFrom = body.getValue("effectiveFrom") == null
                    ? null
                    : JsonInput.requiredInstant(body, "effectiveFrom", "effectiveFrom");
            ctx.vertx()
                    .executeBlocking(
                            () -> json(tariffs.set(lot, tariff, body.getValue("bandRates") != null, effectiveFrom)),
                            false)
                    .onSuccess(ctx::json)
                    .onFailure(ctx::fail);
        }
    }

    /** {@code GET /v1/lots/{lotId}/tariff?at=} (open): the version in force then (default now); 404 when none. */
    public static final class Get implements Handler<RoutingContext> {
        private final LotCatalog lots;
        private final LotTariffs tariffs;

        public Get(LotCatalog lots, LotTariffs tariffs) {
            this.lots = lots;
            this.tariffs = tariffs;
        }

        @Override
        public void handle(RoutingContext ctx) {
            Lot lot = GetLotHandler.requireLot(lots, ctx.pathParam("lotId"));
            Instant at = QueryParams.instant(ctx, "at");
            ctx.vertx()
                    .executeBlocking(() -> tariffs.findInForce(lot.id(), at), false)
                    .onSuccess(found -> found.ifPresentOrElse(
                            v -> ctx.json(json(v)),
                            () -> ctx.fail(new NotFoundException(
                                    "tariff",
                                    lot.id(),
                                    "lot '" + lot.id() + "' has no tariff in force "
                                            + (at == null ? "now" : "at " + at)))))
                    .onFailure(ctx::fail);
        }
    }

    /** {@code GET /v1/lots/{lotId}/tariffs} (open): every version, the earliest first. */
    public static final class Versions implements Handler<RoutingContext> {
        private final LotCatalog lots;
        private final LotTariffs tariffs;

        public Versions(LotCatalog lots, LotTariffs tariffs) {
            this.lots = lots;
            this.tariffs = tariffs;
        }

        @Override
        public void handle(RoutingContext ctx) {
            Lot lot = GetLotHandler.requireLot(lots, ctx.pathParam("lotId"));
            ctx.vertx()
                    .executeBlocking(() -> tariffs.listVersions(lot.id()), false)
                    .onSuccess(versions -> {
                        JsonArray out = new JsonArray();
                        versions.list().forEach(v -> out.add(json(v)));
                        ctx.json(new JsonObject().put("lotId", lot.id()).put("versions", out));
                    })
                    .onFailure(ctx::fail);
        }
    }
}
