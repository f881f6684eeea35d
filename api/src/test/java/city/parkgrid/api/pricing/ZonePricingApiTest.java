package city.parkgrid.api.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import city.parkgrid.api.testing.PlatformUnderTest;
import city.parkgrid.api.testing.PlatformUnderTest.Reply;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A unit's pricing over HTTP: bureau-only writes, bad policies named, review, approval, 409 for operators, audit. */
class ZonePricingApiTest {

    private static final String BUREAU = "dev-bureau";
    private static final String WANDA = "dev-operator-op-wanda";

    @RegisterExtension
    final PlatformUnderTest platform = PlatformUnderTest.embeddedPerTest();

    private static JsonObject policy() {
        return new JsonObject()
                .put("targetLow", 0.6)
                .put("targetHigh", 0.8)
                .put("stepUpFen", 200)
                .put("stepDownFen", 200)
                .put("bigStepDownFen", 500)
                .put("bigStepBelow", 0.3)
                .put("minFen", 500)
                .put("maxFen", 1_500)
                .put("minIntervalDays", 28)
                .put(
                        "bands",
                        new JsonArray()
                                .add(new JsonObject()
                                        .put(
                                                "days",
                                                new JsonArray()
                                                        .add("MON")
                                                        .add("TUE")
                                                        .add("WED")
                                                        .add("THU")
                                                        .add("FRI")
                                                        .add("SAT")
                                                        .add("SUN"))
                                        .put("from", "09:00")
                                        .put("to", "18:00")))
                .put("statistic", "mean")
                .put("lookbackDays", 28)
                .put("mode", "REVIEW");
    }

    private Reply put(String token, JsonObject body) {
        return platform.send("PUT", "/v1/zones/wujiaochang/pricing", token, body.encode());
    }

    @Test
    void onlyTheBureauSetsAndReadsAPolicyAndBadValuesNameTheField() {
        assertThat(put(WANDA, policy()).status()).isEqualTo(403);
        assertThat(put("dev-driver-alice", policy()).status()).isEqualTo(403);
        assertThat(platform.send("GET", "/v1/zones/wujiaochang/pricing", BUREAU, null)
                        .status())
                .isEqualTo(404);
        for (String[] bad : new String[][] {
            {"targetLow", "0.9", "targetLow"},
            {"minFen", "2000", "minFen"},
            {"stepUpFen", "0", "stepUpFen"},
            {"bigStepDownFen", "-1", "bigStepDownFen"}
        }) {
            Reply refused = put(
                    BUREAU,
                    policy().put(
                                    bad[0],
                                    Double.valueOf(bad[1]).intValue() == Double.valueOf(bad[1])
                                            ? (Object) Integer.valueOf(
                                                    Double.valueOf(bad[1]).intValue())
                                            : Double.valueOf(bad[1])));
            assertThat(refused.status()).as(bad[0]).isEqualTo(400);
            assertThat(refused.json().getString("field")).isEqualTo(bad[2]);
        }
        JsonObject overlapping = policy();
        overlapping
                .getJsonArray("bands")
                .add(new JsonObject()
                        .put("days", new JsonArray().add("SAT"))
                        .put("from", "10:00")
                        .put("to", "12:00"));
        Reply refused = put(BUREAU, overlapping);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().getString("field")).isEqualTo("bands[1]");
        assertThat(platform.send("GET", "/v1/zones/wujiaochang/pricing", BUREAU, null)
                        .status())
                .as("nothing was set")
                .isEqualTo(404);

        Reply set = put(BUREAU, policy());
        assertThat(set.status()).isEqualTo(200);
        assertThat(platform.send("GET", "/v1/zones/wujiaochang/pricing", BUREAU, null)
                        .json()
                        .getInteger("maxFen"))
                .isEqualTo(1_500);
        assertThat(platform.send("GET", "/v1/zones/wujiaochang/pricing", WANDA, null)
                        .status())
                .isEqualTo(403);
    }

    @Test
    void aReviewIsApprovedIntoTariffVersionsWhichOperatorsCannotOverrideAndEveryStepIsAudited() {
        JsonObject tariff = new JsonObject()
                .put("freeMinutes", 15)
                .put("dayRateFen", 1_000)
                .put("nightRateFen", 500)
                .put("dayStarts", "08:00")
                .put("nightStarts", "20:00")
                .put("dailyCapFen", 9_000);
        platform.send("PUT", "/v1/lots/wanda-plaza/tariff", WANDA, tariff.encode());
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        StringBuilder csv = new StringBuilder("lotId,at,occupied,capacity\n");
        for (int h = 1; h <= 48; h++) {
            csv.append("wanda-plaza,").append(now.minus(h, ChronoUnit.HOURS)).append(",1425,1500\n");
        }
        assertThat(platform.send("POST", "/v1/history", BUREAU, csv.toString(), "text/csv")
                        .status())
                .isEqualTo(200);
        put(BUREAU, policy());

        assertThat(platform.send("POST", "/v1/zones/wujiaochang/pricing/reviews", WANDA, null)
                        .status())
                .isEqualTo(403);
        Reply unknownBasis =
                platform.send("POST", "/v1/zones/wujiaochang/pricing/reviews", BUREAU, "{\"basis\": \"hunch\"}");
        assertThat(unknownBasis.status()).isEqualTo(400);
        assertThat(unknownBasis.json().getString("field")).isEqualTo("basis");
        Reply ahead =
                platform.send("POST", "/v1/zones/wujiaochang/pricing/reviews", BUREAU, "{\"basis\": \"forecast\"}");
        assertThat(ahead.status()).isEqualTo(201);
        assertThat(ahead.json().getString("basis")).isEqualTo("forecast");
        assertThat(Instant.parse(ahead.json().getString("to")))
                .isEqualTo(Instant.parse(ahead.json().getString("from")).plus(24, ChronoUnit.HOURS));

        Reply review = platform.send("POST", "/v1/zones/wujiaochang/pricing/reviews", BUREAU, null);
        assertThat(review.status()).isEqualTo(201);
        assertThat(review.json().getString("basis")).isEqualTo("history");
        String id = review.json().getString("id");
        JsonObject wanda = review.jsonArray("proposals").stream()
                .map(JsonObject.class::cast)
                .filter(p -> p.getString("lotId").equals("wanda-plaza"))
                .findFirst()
                .orElseThrow();
        assertThat(wanda.getString("action")).isEqualTo("UP");
        assertThat(wanda.getInteger("proposedFen")).isEqualTo(1_200);
        assertThat(wanda.getDouble("occupancy"))
                .as("the imported 95%, with what the node recorded live")
                .isGreaterThan(0.8);
        assertThat(platform.send("GET", "/v1/zones/wujiaochang/pricing/reviews/" + id, BUREAU, null)
                        .json()
                        .getString("status"))
                .isEqualTo("PROPOSED");

        String url = "/v1/zones/wujiaochang/pricing/reviews/" + id + "/approve";
        assertThat(platform.send("POST", url, WANDA, "{}").status()).isEqualTo(403);
        Reply past = platform.send(
                "POST",
                url,
                BUREAU,
                new JsonObject()
                        .put("effectiveFrom", now.minusSeconds(3600).toString())
                        .encode());
        assertThat(past.status()).isEqualTo(400);
        assertThat(past.json().getString("field")).isEqualTo("effectiveFrom");
        Instant effective = now.plus(1, ChronoUnit.DAYS);
        Reply approved = platform.send(
                "POST",
                url,
                BUREAU,
                new JsonObject().put("effectiveFrom", effective.toString()).encode());
        assertThat(approved.status()).isEqualTo(200);
        assertThat(approved.json().getString("status")).isEqualTo("APPROVED");
        assertThat(platform.send("POST", url, BUREAU, "{}").status()).isEqualTo(409);

        JsonObject scheduled =
                platform.get("/v1/lots/wanda-plaza/tariff?at=" + effective).json();
        assertThat(scheduled.getString("effectiveFrom")).isEqualTo(effective.toString());
        assertThat(scheduled.getString("pricingPolicy")).isEqualTo("wujiaochang");
        assertThat(scheduled.getJsonArray("bandRates").getJsonObject(0).getInteger("rateFen"))
                .isEqualTo(1_200);
        assertThat(platform.get("/v1/lots/wanda-plaza/tariff").json().getInteger("dayRateFen"))
                .isEqualTo(1_000);

        // published before it applies: a driver arriving at the next 10:00 (before the change) is told
        // today's day rate and the reviewed band rate to come, and a 2-hour stay then costs 2 day units
        ZonedDateTime local = now.atZone(ZoneId.of("Asia/Shanghai"));
        ZonedDateTime ten = local.toLocalDate().atTime(10, 0).atZone(local.getZone());
        Instant arriveAt = (ten.isAfter(local) ? ten : ten.plusDays(1)).toInstant();
        JsonObject lot = platform.get("/v1/lots/wanda-plaza").json();
        Reply guidance = platform.send(
                "POST",
                "/v1/guidance",
                null,
                new JsonObject()
                        .put("destination", lot.getJsonObject("location"))
                        .put("arriveAt", arriveAt.toString())
                        .put("durationMinutes", 120)
                        .encode());
        assertThat(guidance.status()).isEqualTo(200);
        JsonObject option = guidance.jsonArray("options").stream()
                .map(JsonObject.class::cast)
                .filter(o -> o.getString("lotId").equals("wanda-plaza"))
                .findFirst()
                .orElseThrow();
        assertThat(option.getJsonObject("rate").getInteger("fen")).isEqualTo(1_000);
        assertThat(option.getJsonObject("rate").getJsonObject("next"))
                .isEqualTo(new JsonObject().put("fen", 1_200).put("effectiveFrom", effective.toString()));
        assertThat(option.getInteger("estimatedFeeFen")).isEqualTo(2_000);

        JsonObject override = tariff.copy()
                .put("effectiveFrom", effective.plus(1, ChronoUnit.HOURS).toString())
                .put(
                        "bandRates",
                        new JsonArray()
                                .add(scheduled
                                        .getJsonArray("bandRates")
                                        .getJsonObject(0)
                                        .copy()
                                        .put("rateFen", 900)));
        Reply conflict = platform.send("PUT", "/v1/lots/wanda-plaza/tariff", WANDA, override.encode());
        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.json().getString("detail")).contains("wujiaochang");

        assertThat(platform.send("GET", "/v1/zones/wujiaochang/audit", BUREAU, null).jsonArray("entries").stream()
                        .map(e -> ((JsonObject) e).getString("action")))
                .contains("pricing-policy", "pricing-review", "pricing-review-approved");
    }
}
