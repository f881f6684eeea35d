package city.parkgrid.api.accounts;

import static city.parkgrid.api.testing.GateEvents.batch;
import static city.parkgrid.api.testing.GateEvents.entry;
import static city.parkgrid.api.testing.GateEvents.exit;
import static org.assertj.core.api.Assertions.assertThat;

import city.parkgrid.api.testing.PlatformUnderTest;
import city.parkgrid.api.testing.PlatformUnderTest.Reply;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Unified accounts, tariffs and "leave first, pay later", over HTTP on the embedded platform. */
class AccountsApiTest {

    private static final String DRIVER = "dev-driver-alice";
    private static final String WANDA = "dev-operator-op-wanda";

    @RegisterExtension
    final PlatformUnderTest platform = PlatformUnderTest.embeddedPerTest();

    private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    private static JsonObject tariff() {
        return new JsonObject()
                .put("freeMinutes", 15)
                .put("dayRateFen", 1_000)
                .put("nightRateFen", 500)
                .put("dayStarts", "08:00")
                .put("nightStarts", "20:00")
                .put("dailyCapFen", 6_000);
    }

    private Reply open(String token, JsonObject paymentMethod, String... plates) {
        return platform.send(
                "POST",
                "/v1/accounts",
                token,
                new JsonObject()
                        .put("plates", new JsonArray(java.util.List.of((Object[]) plates)))
                        .put("paymentMethod", paymentMethod)
                        .encode());
    }

    private Reply topUp(String token, String accountId, Object amount, String key) {
        return platform.send(
                "POST",
                "/v1/accounts/" + accountId + "/topups",
                token,
                new JsonObject()
                        .put("amountFen", amount)
                        .put("idempotencyKey", key)
                        .encode());
    }

    @BeforeEach
    void wandaHasATariff() {
        assertThat(platform.send("PUT", "/v1/lots/wanda-plaza/tariff", WANDA, tariff().encode())
                        .status())
                .isEqualTo(200);
    }

    @Test
    void aDriverOpensTheirOwnAccountAndOnlyTheySeeIt() {
        Reply opened = open(DRIVER, new JsonObject().put("type", "PREPAID"), "沪A 10001");
        assertThat(opened.status()).isEqualTo(201);
        assertThat(opened.json().getString("id")).isEqualTo("alice");
        assertThat(opened.json().getJsonArray("plates")).containsExactly("沪A10001");
        assertThat(platform.send("GET", "/v1/accounts/alice", DRIVER, null)
                        .json()
                        .getLong("balanceFen"))
                .isZero();
        assertThat(platform.send("GET", "/v1/accounts/alice", "dev-driver-bob", null)
                        .status())
                .isEqualTo(403);
        assertThat(platform.send("GET", "/v1/accounts/alice", "dev-bureau", null)
                        .status())
                .isEqualTo(200);
        assertThat(platform.send("GET", "/v1/accounts/alice", "dev-operator-op-wanda", null)
                        .status())
                .isEqualTo(403);
        assertThat(open(DRIVER, new JsonObject().put("type", "PREPAID"), "沪A10009")
                        .status())
                .isEqualTo(409);
    }

    @Test
    void aPlateBelongsToAtMostOneAccount() {
        open(DRIVER, new JsonObject().put("type", "PREPAID"), "沪A10001");
        Reply taken = open("dev-driver-bob", new JsonObject().put("type", "PREPAID"), "沪A10002", "沪A10001");
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.json().getString("type")).isEqualTo("/problems/plate-bound");
        assertThat(platform.send("GET", "/v1/accounts/bob", "dev-bureau", null).status())
                .isEqualTo(404);
        Reply added = platform.send(
                "POST",
                "/v1/accounts/alice/plates",
                DRIVER,
                new JsonObject().put("plate", "沪B20002").encode());
        assertThat(added.json().getJsonArray("plates")).contains("沪B20002");
        Reply removed = platform.send("DELETE", "/v1/accounts/alice/plates/沪B20002", DRIVER, null);
        assertThat(removed.json().getJsonArray("plates")).doesNotContain("沪B20002");
    }

    @Test
    void aPlateTypedInFullWidthFormsIsTheSameCar() {
        Reply opened = open(DRIVER, new JsonObject().put("type", "PREPAID"), "沪Ａ１０００１");
        assertThat(opened.status()).isEqualTo(201);
        assertThat(opened.json().getJsonArray("plates")).containsExactly("沪A10001");
        Reply taken = open("dev-driver-bob", new JsonObject().put("type", "PREPAID"), "沪A10001");
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.json().getString("type")).isEqualTo("/problems/plate-bound");
        // the gate camera reads it in ASCII: the session is on alice's account
        platform.send(
                "POST", "/v1/lots/wanda-plaza/events", WANDA, batch(entry("in-fw", "沪A10001", now.minusSeconds(60))));
        assertThat(platform.send("GET", "/v1/accounts/alice/sessions", DRIVER, null)
                        .jsonArray("sessions"))
                .hasSize(1);
        Reply added = platform.send(
                "POST",
                "/v1/accounts/alice/plates",
                DRIVER,
                new JsonObject().put("plate", "沪Ｂ２０００２").encode());
        assertThat(added.json().getJsonArray("plates")).contains("沪B20002");
        Reply removed = platform.send("DELETE", "/v1/accounts/alice/plates/沪B20002", DRIVER, null);
        assertThat(removed.status()).isEqualTo(200);
        assertThat(removed.json().getJsonArray("plates")).containsExactly("沪A10001");
    }

    @Test
    void topUpsCountOncePerKeyAndBadAmountsAreRefused() {
        open(DRIVER, new JsonObject().put("type", "PREPAID"), "沪A10001");
        assertThat(topUp(DRIVER, "alice", 5_000, "k1").status()).isEqualTo(201);
        Reply again = topUp(DRIVER, "alice", 5_000, "k1");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().getJsonObject("account").getLong("balanceFen")).isEqualTo(5_000);
        assertThat(topUp(DRIVER, "alice", -5, "k2").json().getString("field")).isEqualTo("amountFen");
        assertThat(topUp(DRIVER, "alice", 50.5, "k3").json().getString("field")).isEqualTo("amountFen");
        assertThat(topUp(DRIVER, "alice", 0, "k4").status()).isEqualTo(400);
        assertThat(topUp(DRIVER, "alice", 5_000, null).json().getString("field"))
                .isEqualTo("idempotencyKey");
        assertThat(topUp("dev-driver-bob", "alice", 5_000, "k5").status()).isEqualTo(403);
        assertThat(platform.send("GET", "/v1/accounts/alice", DRIVER, null)
                        .json()
                        .getLong("balanceFen"))
                .isEqualTo(5_000);
    }

    @Test
    void tariffsAreSetByTheLotsOperatorAndBadOnesNameTheField() {
        assertThat(platform.get("/v1/lots/wanda-plaza/tariff").json().getInteger("unitMinutes"))
                .isEqualTo(60);
        assertThat(platform.get("/v1/lots/hopson-one/tariff").status()).isEqualTo(404);
        assertThat(platform.send("PUT", "/v1/lots/hopson-one/tariff", WANDA, tariff().encode())
                        .status())
                .isEqualTo(403);
        Reply inverted = platform.send(
                "PUT",
                "/v1/lots/wanda-plaza/tariff",
                WANDA,
                tariff().put("dayStarts", "21:00").encode());
        assertThat(inverted.status()).isEqualTo(400);
        assertThat(inverted.json().getString("field")).isEqualTo("nightStarts");
        Reply lowCap = platform.send(
                "PUT",
                "/v1/lots/wanda-plaza/tariff",
                WANDA,
                tariff().put("dailyCapFen", 10).encode());
        assertThat(lowCap.json().getString("field")).isEqualTo("dailyCapFen");
        Reply fractional = platform.send(
                "PUT",
                "/v1/lots/wanda-plaza/tariff",
                WANDA,
                tariff().put("dayRateFen", 9.5).encode());
        assertThat(fractional.json().getString("field")).isEqualTo("dayRateFen");
        Reply badTime = platform.send(
                "PUT",
                "/v1/lots/wanda-plaza/tariff",
                WANDA,
                tariff().put("dayStarts", "8am").encode());
        assertThat(badTime.json().getString("field")).isEqualTo("dayStarts");
        assertThat(platform.get("/v1/lots/wanda-plaza/tariff").json().getString("dayStarts"))
                .isEqualTo("08:00");
    }

    @Test
    void leavingSettlesAutomaticallyAndShortfallsBecomeArrearsRecoveredByTheNextTopUp() {
        open(DRIVER, new JsonObject().put("type", "PREPAID"), "沪A10001");
        topUp(DRIVER, "alice", 500, "k1");
        Instant in = now.minusSeconds(3 * 3600);
        platform.send("POST", "/v1/lots/wanda-plaza/events", WANDA, batch(entry("in-1", "沪A10001", in)));
        JsonArray open = platform.send("GET", "/v1/accounts/alice/sessions", DRIVER, null)
                .jsonArray("sessions");
        assertThat(open.getJsonObject(0).getString("status")).isEqualTo("OPEN");
        platform.send("POST", "/v1/lots/wanda-plaza/events", WANDA, batch(exit("out-1", "沪A10001", now)));
        platform.send("POST", "/v1/lots/wanda-plaza/events", WANDA, batch(exit("out-1", "沪A10001", now)));
        JsonObject session = platform.send("GET", "/v1/accounts/alice/sessions", DRIVER, null)
                .jsonArray("sessions")
                .getJsonObject(0);
        assertThat(session.getString("status")).isEqualTo("ARREARS");
        long fee = session.getLong("feeFen");
        assertThat(fee).isPositive();
        JsonObject account =
                platform.send("GET", "/v1/accounts/alice", DRIVER, null).json();
        assertThat(account.getLong("balanceFen")).isZero();
        assertThat(account.getLong("arrearsFen")).isEqualTo(fee - 500);
        JsonObject topped = topUp(DRIVER, "alice", 10_000, "k2").json();
        assertThat(topped.getLong("recoveredArrearsFen")).isEqualTo(fee - 500);
        assertThat(topped.getJsonObject("account").getLong("arrearsFen")).isZero();

        JsonObject trial = platform.send("GET", "/v1/ledger/trial-balance", "dev-bureau", null)
                .json();
        assertThat(trial.getBoolean("balanced")).isTrue();
        assertThat(trial.getLong("debitsFen")).isPositive();
        assertThat(platform.send("GET", "/v1/ledger/trial-balance", DRIVER, null)
                        .status())
                .isEqualTo(403);

        String today = LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();
        JsonObject owed = platform.send("GET", "/v1/operators/op-wanda/settlements?date=" + today, WANDA, null)
                .json();
        assertThat(owed.getJsonArray("lots").getJsonObject(0).getInteger("sessions"))
                .isEqualTo(1);
        assertThat(owed.getLong("owedFen")).isEqualTo(fee - fee / 100);
        assertThat(platform.send(
                                "GET",
                                "/v1/operators/op-wanda/settlements?date=" + today,
                                "dev-operator-op-hopson",
                                null)
                        .status())
                .isEqualTo(403);
        assertThat(platform.send("GET", "/v1/operators/op-wanda/settlements?date=yesterday", WANDA, null)
                        .json()
                        .getString("field"))
                .isEqualTo("date");
    }

    @Test
    void aLinkedAccountIsChargedThroughItsPayer() throws Exception {
        open(
                DRIVER,
                new JsonObject().put("type", "LINKED").put("provider", "ALIPAY").put("reference", "2088-alice"),
                "沪A10001");
        platform.send(
                "POST", "/v1/lots/wanda-plaza/events", WANDA, batch(entry("in-1", "沪A10001", now.minusSeconds(7200))));
        platform.send("POST", "/v1/lots/wanda-plaza/events", WANDA, batch(exit("out-1", "沪A10001", now)));
        String status = null;
        for (int i = 0; i < 100 && !"SETTLED".equals(status); i++) {
            Thread.sleep(20);
            status = platform.send("GET", "/v1/accounts/alice/sessions", DRIVER, null)
                    .jsonArray("sessions")
                    .getJsonObject(0)
                    .getString("status");
        }
        assertThat(status).isEqualTo("SETTLED");
    }

    @Test
    void anExitWithoutEntryIsKeptForTheBureausReview() {
        open(DRIVER, new JsonObject().put("type", "PREPAID"), "沪A10001");
        platform.send("POST", "/v1/lots/wanda-plaza/events", WANDA, batch(exit("lonely", "沪A10001", now)));
        JsonArray exits = platform.send("GET", "/v1/settlement/unmatched-exits", "dev-bureau", null)
                .jsonArray("exits");
        assertThat(exits).singleElement().satisfies(e -> {
            assertThat(((JsonObject) e).getString("eventId")).isEqualTo("lonely");
            assertThat(((JsonObject) e).getString("status")).isEqualTo("REVIEW");
        });
        assertThat(platform.send("GET", "/v1/settlement/unmatched-exits", DRIVER, null)
                        .status())
                .isEqualTo(403);
    }

    @Test
    void badAccountsNameTheField() {
        assertThat(open(DRIVER, new JsonObject().put("type", "CASH"), "沪A10001")
                        .json()
                        .getString("field"))
                .isEqualTo("paymentMethod.type");
        assertThat(open(DRIVER, new JsonObject().put("type", "LINKED").put("provider", "ALIPAY"), "沪A10001")
                        .json()
                        .getString("field"))
                .isEqualTo("paymentMethod.reference");
        assertThat(open(DRIVER, new JsonObject().put("type", "PREPAID")).json().getString("field"))
                .isEqualTo("plates");
        assertThat(open(DRIVER, new JsonObject().put("type", "PREPAID"), "?")
                        .json()
                        .getString("field"))
                .isEqualTo("plates[0]");
        assertThat(open(null, new JsonObject().put("type", "PREPAID"), "沪A10001")
                        .status())
                .isEqualTo(401);
        assertThat(platform.send("GET", "/v1/accounts/alice", DRIVER, null).status())
                .isEqualTo(404);
    }
}
