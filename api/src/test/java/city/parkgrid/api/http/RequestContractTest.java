package city.parkgrid.api.http;

import static city.parkgrid.api.testing.GateEvents.entry;
import static org.assertj.core.api.Assertions.assertThat;

import city.parkgrid.api.testing.PlatformUnderTest;
import city.parkgrid.api.testing.PlatformUnderTest.Reply;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.openapi.contract.OpenAPIContract;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * openapi.yaml is the request contract: what its schemas refuse is a 400 naming the field, in the
 * validator's words (which differ from the handlers', so these answers cannot come from them).
 */
class RequestContractTest {

    private static final String BUREAU = "dev-bureau";
    private static final String WANDA = "dev-operator-op-wanda";
    private static PlatformUnderTest platform;

    @BeforeAll
    static void start() {
        platform = PlatformUnderTest.embedded();
    }

    @AfterAll
    static void stop() {
        platform.close();
    }

    private static void assertRefused(Reply reply, String field, String because) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(400);
        assertThat(reply.isProblem()).isTrue();
        assertThat(reply.json().getString("type")).isEqualTo("/problems/invalid-field");
        assertThat(reply.json().getString("field")).isEqualTo(field);
        assertThat(reply.json().getString("detail")).isEqualTo(field + ": " + because);
    }

    @Test
    void theDocumentLoadsAsAContractWithAnOperationForEveryRoute() throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            OpenAPIContract contract = RequestContract.load(vertx)
                    .toCompletionStage()
                    .toCompletableFuture()
                    .get(30, TimeUnit.SECONDS);
            assertThat(contract.operations())
                    .isNotEmpty()
                    .allSatisfy(
                            operation -> assertThat(operation.getOperationId()).isNotBlank());
            assertThat(contract.findOperation("/v1/lots/stream", HttpMethod.GET).getOperationId())
                    .isEqualTo("streamLots");
            assertThat(contract.findOperation("/v1/lots/wanda-plaza", HttpMethod.GET)
                            .getOperationId())
                    .isEqualTo("getLot");
        } finally {
            vertx.close();
        }
    }

    @Test
    void aValueBeyondTheSchemasBoundNamesItsField() {
        Reply reply = platform.send(
                "POST",
                "/v1/guidance",
                null,
                new JsonObject()
                        .put("destination", new JsonObject().put("lat", 91).put("lon", 121.514))
                        .encode());
        assertRefused(reply, "destination.lat", "91 is greater than 90");
    }

    @Test
    void aValueOfTheWrongTypeNamesItsField() {
        Reply reply = platform.send(
                "PUT",
                "/v1/lots/wanda-plaza/occupancy",
                WANDA,
                new JsonObject()
                        .put("occupied", "12")
                        .put("at", Instant.now().toString())
                        .encode());
        assertRefused(reply, "occupied", "must be integer, was string");

        Reply inBatch = platform.send(
                "POST",
                "/v1/lots/wanda-plaza/events",
                WANDA,
                new JsonArray()
                        .add(entry("e1", "沪A10001", Instant.now()))
                        .add(entry("e2", "沪A10002", Instant.now()).put("eventId", 7))
                        .encode());
        assertRefused(inBatch, "[1].eventId", "must be string, was number");
    }

    /**
     * A body up to {@link RequestContract#INLINE_BODY_BYTES} is checked on the event loop, a bigger
     * one on a worker: both are held to the schema alike, and a valid big batch goes on.
     */
    @Test
    void aBatchPastTheInlineSizeIsHeldToTheSchemaAsASmallOneIs() {
        JsonArray big = new JsonArray();
        Instant now = Instant.now();
        for (int i = 0; big.encode().length() <= RequestContract.INLINE_BODY_BYTES; i++) {
            big.add(entry("inline-" + i, "沪A" + (20_000 + i), now));
        }
        int wrong = big.size() - 1;
        big.getJsonObject(wrong).put("eventId", 7);
        assertRefused(
                platform.send("POST", "/v1/lots/wanda-plaza/events", WANDA, big.encode()),
                "[" + wrong + "].eventId",
                "must be string, was number");
        big.getJsonObject(wrong).put("eventId", "inline-last");
        Reply accepted = platform.send("POST", "/v1/lots/wanda-plaza/events", WANDA, big.encode());
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
    }

    @Test
    void aMissingRequiredMemberNamesItself() {
        Reply reply = platform.send(
                "PUT",
                "/v1/zones/wujiaochang/trigger",
                BUREAU,
                new JsonObject()
                        .put("occupancyAbove", 0.9)
                        .put("mode", "MANAGED")
                        .encode());
        assertRefused(reply, "forMinutes", "is required");
    }

    @Test
    void aValueOutsideAnEnumNamesItsFieldAndTheValuesAllowed() {
        Reply reply = platform.send(
                "POST",
                "/v1/zones/wujiaochang/schedules",
                BUREAU,
                new JsonObject()
                        .put("mode", "MANAGED")
                        .put("days", new JsonArray().add("SAT").add("FUNDAY"))
                        .put("from", "10:00")
                        .put("to", "22:00")
                        .encode());
        assertRefused(reply, "days[1]", "must be one of [\"MON\",\"TUE\",\"WED\",\"THU\",\"FRI\",\"SAT\",\"SUN\"]");
    }

    @Test
    void aQueryParameterOfTheWrongTypeNamesTheParameter() {
        Reply reply = platform.get("/v1/regions/locate?lat=31.3&lon=east");
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().getString("field")).isEqualTo("lon");
    }

    @Test
    void aValueTheValidatorCannotDecodeIsAProblemNotAFailure() throws Exception {
        // the validator percent-decodes parameters; a stray '%' must not become a 500 or a hang
        Reply reply = platform.get("/v1/regions/locate?lat=31.3&lon=12%25zz");
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.isProblem()).isTrue();
        assertThat(reply.json().getString("field")).isEqualTo("lon");
    }

    @Test
    void whatTheSchemaCannotReadIsStillTheHandlersToAnswer() {
        Reply malformed = platform.send("POST", "/v1/guidance", null, "{\"destination\": ");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().getString("type")).isEqualTo("/problems/malformed-json");

        Reply empty = platform.send("PUT", "/v1/lots/wanda-plaza/status", WANDA, "");
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.json().getString("type")).isEqualTo("/problems/malformed-json");

        assertThat(platform.get("/v1/nowhere").status()).isEqualTo(404);
        assertThat(platform.send("PATCH", "/v1/lots/wanda-plaza", WANDA, "{}").status())
                .isEqualTo(405);
    }

    @Test
    void aCallerWithoutCredentialsHearsThatFirst() {
        Reply reply = platform.send(
                "PUT",
                "/v1/zones/wujiaochang/trigger",
                null,
                new JsonObject().put("mode", "X").encode());
        assertThat(reply.status()).isEqualTo(401);
    }
}
