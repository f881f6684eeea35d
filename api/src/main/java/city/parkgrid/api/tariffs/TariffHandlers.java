package city.parkgrid.api.tariffs;

import city.parkgrid.NotFoundException;
import city.parkgrid.api.http.JsonInput;
import city.parkgrid.api.lots.GetLotHandler;
import city.parkgrid.api.lots.LotAccess;
import city.parkgrid.lots.Lot;
import city.parkgrid.lots.LotCatalog;
import city.parkgrid.money.Money;
import city.parkgrid.tariffs.Tariff;
import city.parkgrid.tariffs.TariffStore;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** A lot's tariff: set by its operator, read by anyone. The store may block: calls run on workers. */
public final class TariffHandlers {

    private TariffHandlers() {}

    static JsonObject json(Tariff t) {
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
                discount);
    }

    /** {@code PUT /v1/lots/{lotId}/tariff} (the lot's operator). */
    public static final class Put implements Handler<RoutingContext> {
        private final LotCatalog lots;
        private final TariffStore tariffs;

        public Put(LotCatalog lots, TariffStore tariffs) {
            this.lots = lots;
            this.tariffs = tariffs;
        }

        @Override
        public void handle(RoutingContext ctx) {
            Lot lot = LotAccess.requireOperatedLot(ctx, lots);
            Tariff tariff = parse(JsonInput.object(ctx.body().buffer()));
            ctx.vertx()
                    .executeBlocking(
                            () -> {
                                tariffs.putTariff(lot.id(), tariff);
                                return json(tariff);
                            },
                            false)
                    .onSuccess(ctx::json)
                    .onFailure(ctx::fail);
        }
    }

    /** {@code GET /v1/lots/{lotId}/tariff} (open); 404 when the lot has none. */
    public static final class Get implements Handler<RoutingContext> {
        private final LotCatalog lots;
        private final TariffStore tariffs;

        public Get(LotCatalog lots, TariffStore tariffs) {
            this.lots = lots;
            this.tariffs = tariffs;
        }

        @Override
        public void handle(RoutingContext ctx) {
            Lot lot = GetLotHandler.requireLot(lots, ctx.pathParam("lotId"));
            ctx.vertx()
                    .executeBlocking(() -> tariffs.findTariff(lot.id()), false)
                    .onSuccess(found -> found.ifPresentOrElse(
                            t -> ctx.json(json(t)),
                            () -> ctx.fail(new NotFoundException(
                                    "tariff", lot.id(), "lot '" + lot.id() + "' has no tariff yet"))))
                    .onFailure(ctx::fail);
        }
    }
}
