package city.parkgrid.api.testing;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/** Bodies of {@code PUT /v1/lots/{id}/tariff}, as an operator sends them. */
public final class TariffBodies {

    private TariffBodies() {}

    /** Day 08:00–20:00 at {@code dayFen} a unit of an hour, night at 500, no free minutes. */
    public static JsonObject dayAndNight(int dayFen, int dailyCapFen) {
        return new JsonObject()
                .put("freeMinutes", 0)
                .put("dayRateFen", dayFen)
                .put("nightRateFen", 500)
                .put("dayStarts", "08:00")
                .put("nightStarts", "20:00")
                .put("dailyCapFen", dailyCapFen);
    }

    /**
     * Puts {@code today} as the lot's tariff and schedules it from {@code from} with a weekend band
     * (SAT, SUN 10:00–18:00) at {@code bandFen}, as the lot's operator; each put must answer 200.
     */
    public static void putWithWeekendBandFrom(
            PlatformUnderTest platform, String lotId, String operator, JsonObject today, Instant from, int bandFen) {
        JsonObject scheduled =
                scheduledWithBand(today, from, new JsonArray().add("SAT").add("SUN"), bandFen);
        for (JsonObject body : new JsonObject[] {today, scheduled}) {
            PlatformUnderTest.Reply reply =
                    platform.send("PUT", "/v1/lots/" + lotId + "/tariff", operator, body.encode());
            if (reply.status() != 200) {
                throw new AssertionError("PUT tariff answered " + reply.status() + ": " + reply.body());
            }
        }
    }

    /** {@code tariff} as a version from {@code from}, with one band rate on {@code days} 10:00–18:00. */
    public static JsonObject scheduledWithBand(JsonObject tariff, Instant from, JsonArray days, int bandFen) {
        return tariff.copy()
                .put("effectiveFrom", from.toString())
                .put(
                        "bandRates",
                        new JsonArray()
                                .add(new JsonObject()
                                        .put("days", days)
                                        .put("from", "10:00")
                                        .put("to", "18:00")
                                        .put("rateFen", bandFen)));
    }
}
