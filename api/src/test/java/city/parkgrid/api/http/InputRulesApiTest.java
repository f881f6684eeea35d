package city.parkgrid.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import city.parkgrid.api.testing.PlatformUnderTest;
import city.parkgrid.api.testing.PlatformUnderTest.Reply;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Values dev's memory would hold but serve's PostgreSQL cannot (NUL in text, nanosecond local
 * times, instants past the year 294276) are 400s naming the field in every mode, never 5xx.
 */
class InputRulesApiTest {

    private static final String BUREAU = "dev-bureau";
    private static final String WANDA = "dev-operator-op-wanda";
    private static final String DRIVER = "dev-driver-alice";

    @RegisterExtension
    final PlatformUnderTest platform = PlatformUnderTest.embeddedPerTest();

    private static JsonObject tariff() {
        return new JsonObject()
                .put("freeMinutes", 15)
                .put("dayRateFen", 1_000)
                .put("nightRateFen", 500)
                .put("dayStarts", "08:00")
                .put("nightStarts", "20:00")
                .put("dailyCapFen", 6_000);
    }

    private static void assertNamesField(Reply reply, String field) {
        assertThat(reply.status()).as("status of a refusal of %s", field).isEqualTo(400);
        assertThat(reply.json().getString("field")).isEqualTo(field);
    }

    @Test
    void aTariffTimeFinerThanASecondIs400NamingTheFieldAndTheTariffIsUnchanged() {
        assertThat(platform.send("PUT", "/v1/lots/wanda-plaza/tariff", WANDA, tariff().encode())
                        .status())
                .isEqualTo(200);
        assertNamesField(
                platform.send(
                        "PUT",
                        "/v1/lots/wanda-plaza/tariff",
                        WANDA,
                        tariff().put("dayStarts", "08:00:00.000000001").encode()),
                "dayStarts");
        assertNamesField(
                platform.send(
                        "PUT",
                        "/v1/lots/wanda-plaza/tariff",
                        WANDA,
                        tariff().put("nightStarts", "20:00:00.5").encode()),
                "nightStarts");
        assertThat(platform.get("/v1/lots/wanda-plaza/tariff").json().getString("dayStarts"))
                .isEqualTo("08:00");
        // whole seconds are a time like any other
        assertThat(platform.send(
                                "PUT",
                                "/v1/lots/wanda-plaza/tariff",
                                WANDA,
                                tariff().put("dayStarts", "07:59:30").encode())
                        .status())
                .isEqualTo(200);
    }

    @Test
    void aControlUntilBeyondTheRangeOfTimesIs400NamingUntilAndTheUnitStaysNormal() {
        JsonObject control = new JsonObject().put("mode", "MANAGED").put("reason", "marathon");
        assertNamesField(
                platform.send(
                        "PUT",
                        "/v1/zones/wujiaochang/control",
                        BUREAU,
                        control.copy()
                                .put("until", "+999999999-12-31T23:59:59Z")
                                .encode()),
                "until");
        assertNamesField(
                platform.send(
                        "PUT",
                        "/v1/zones/wujiaochang/control",
                        BUREAU,
                        control.copy().put("until", "2100-01-01T00:00:00Z").encode()),
                "until");
        assertNamesField(
                platform.send(
                        "PUT",
                        "/v1/zones/wujiaochang/control",
                        BUREAU,
                        control.copy().put("reason", "mara\u0000thon").encode()),
                "reason");
        assertThat(platform.get("/v1/zones/wujiaochang/control").json().getString("mode"))
                .isEqualTo("NORMAL");
        String tomorrow = Instant.now().plus(1, ChronoUnit.DAYS).toString();
        assertThat(platform.send(
                                "PUT",
                                "/v1/zones/wujiaochang/control",
                                BUREAU,
                                control.copy().put("until", tomorrow).encode())
                        .status())
                .isEqualTo(200);
    }

    @Test
    void aScheduleTimeFinerThanASecondIs400NamingTheField() {
        assertNamesField(
                platform.send(
                        "POST",
                        "/v1/zones/wujiaochang/schedules",
                        BUREAU,
                        new JsonObject()
                                .put("mode", "MANAGED")
                                .put("days", new JsonArray().add("SAT"))
                                .put("from", "10:00:00.000001")
                                .put("to", "22:00")
                                .encode()),
                "from");
    }

    @Test
    void aNulInALotNameIs400AndNoLotIsRegisteredOrRenamed() {
        JsonObject lot = new JsonObject()
                .put("nameZh", "政府\u0000停车场")
                .put("nameEn", "Government car park")
                .put("operatorId", "op-yangpu-pt")
                .put("kind", "OFFICE")
                .put("capacity", 120)
                .put("location", new JsonObject().put("lat", 31.2990).put("lon", 121.5150));
        assertNamesField(platform.send("PUT", "/v1/lots/gov-car-park", BUREAU, lot.encode()), "nameZh");
        assertThat(platform.get("/v1/lots/gov-car-park").status()).isEqualTo(404);
        assertNamesField(
                platform.send(
                        "PUT",
                        "/v1/lots/gov-car-park",
                        BUREAU,
                        lot.copy()
                                .put("nameZh", "政府停车场")
                                .put("operatorId", "op-\u0000")
                                .encode()),
                "operatorId");
        String before = platform.get("/v1/lots/wanda-plaza").json().getString("nameEn");
        assertNamesField(
                platform.send(
                        "PUT",
                        "/v1/lots/wanda-plaza",
                        WANDA,
                        new JsonObject().put("nameEn", "W".repeat(201)).encode()),
                "nameEn");
        assertThat(platform.get("/v1/lots/wanda-plaza").json().getString("nameEn"))
                .isEqualTo(before);
    }

    @Test
    void aNulInAPayerReferenceAKeyOrAResidentIdIs400NamingTheField() {
        assertNamesField(
                platform.send(
                        "POST",
                        "/v1/accounts",
                        DRIVER,
                        new JsonObject()
                                .put("plates", new JsonArray().add("沪A10001"))
                                .put(
                                        "paymentMethod",
                                        new JsonObject()
                                                .put("type", "LINKED")
                                                .put("provider", "ALIPAY")
                                                .put("reference", "alipay-\u0000"))
                                .encode()),
                "paymentMethod.reference");
        assertNamesField(
                platform.send(
                        "POST",
                        "/v1/accounts",
                        DRIVER,
                        new JsonObject()
                                .put("plates", new JsonArray().add("沪A10001"))
                                .put("paymentMethod", new JsonObject().put("type", "PREPAID"))
                                .put("residentId", "res\u0000")
                                .encode()),
                "residentId");
        assertThat(platform.send(
                                "POST",
                                "/v1/accounts",
                                DRIVER,
                                new JsonObject()
                                        .put("plates", new JsonArray().add("沪A10001"))
                                        .put("paymentMethod", new JsonObject().put("type", "PREPAID"))
                                        .encode())
                        .status())
                .isEqualTo(201);
        assertNamesField(
                platform.send(
                        "POST",
                        "/v1/accounts/alice/topups",
                        DRIVER,
                        new JsonObject()
                                .put("amountFen", 500)
                                .put("idempotencyKey", "k\u0000")
                                .encode()),
                "idempotencyKey");
        assertThat(platform.send("GET", "/v1/accounts/alice", DRIVER, null)
                        .json()
                        .getLong("balanceFen"))
                .isZero();
        assertNamesField(platform.send("GET", "/v1/residents/res%00ident", BUREAU, null), "residentId");
    }
}
