package city.parkgrid.api.forecast;

import city.parkgrid.api.http.QueryParams;
import city.parkgrid.forecast.LotForecast;
import city.parkgrid.forecast.OccupancyForecasts;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.function.BiFunction;

/**
 * {@code GET /v1/lots/{lotId}/forecast?at=} and {@code GET /v1/zones/{zoneId}/forecast?at=}: what a
 * lot or a unit will look like at a time up to 24 h ahead. Open to all (navigation apps ask for
 * their drivers). The forecast reads weeks of history: on a worker, never the event loop.
 */
public final class ForecastHandlers implements Handler<RoutingContext> {

    private final String idParam;
    private final String idName;
    private final BiFunction<String, Instant, LotForecast> forecast;

    private ForecastHandlers(String idParam, String idName, BiFunction<String, Instant, LotForecast> forecast) {
        this.idParam = idParam;
        this.idName = idName;
        this.forecast = forecast;
    }

    public static ForecastHandlers lot(OccupancyForecasts forecasts) {
        return new ForecastHandlers("lotId", "lotId", forecasts::forLot);
    }

    public static ForecastHandlers zone(OccupancyForecasts forecasts) {
        return new ForecastHandlers("zoneId", "zoneId", forecasts::forZone);
    }

    @Override
    public void handle(RoutingContext ctx) {
        String id = ctx.pathParam(idParam);
        Instant at = QueryParams.requiredInstant(ctx, "at");
        ctx.vertx()
                .executeBlocking(() -> forecast.apply(id, at), false)
                .onSuccess(f -> ctx.json(json(idName, f)))
                .onFailure(ctx::fail);
    }

    static JsonObject json(String idName, LotForecast f) {
        return new JsonObject()
                .put(idName, f.id())
                .put("at", f.at().toString())
                .put("issuedAt", f.issuedAt().toString())
                .put("capacity", f.capacity())
                .put("expectedOccupied", round(f.expectedOccupied()))
                .put("expectedFree", round(f.expectedFree()))
                .put("low", round(f.low()))
                .put("high", round(f.high()))
                .put("probabilityFree", Math.round(f.probabilityFree() * 1000) / 1000.0)
                .put("method", f.method());
    }

    private static double round(double spaces) {
        return Math.round(spaces * 10) / 10.0;
    }
}
