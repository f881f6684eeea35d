package city.parkgrid.api.occupancy;

import static city.parkgrid.api.testing.GateEvents.batch;
import static city.parkgrid.api.testing.GateEvents.entry;
import static city.parkgrid.api.testing.GateEvents.exit;
import static org.assertj.core.api.Assertions.assertThat;

import city.parkgrid.api.testing.PlatformUnderTest;
import city.parkgrid.api.testing.PlatformUnderTest.Reply;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Operators feeding gate events and sensor counts, through HTTP, on the embedded platform. */
class IngestionApiTest {

    private static final String WANDA = "dev-operator-op-wanda";
    private static final String LOT = "/v1/lots/wanda-plaza";

    @RegisterExtension
    final PlatformUnderTest platform = PlatformUnderTest.embeddedPerTest();

    private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    private Reply post(String token, String body) {
        return platform.send("POST", LOT + "/events", token, body);
    }

    private int occupied() {
        return platform.get(LOT).json().getJsonObject("occupancy").getInteger("occupied");
    }

    @Test
    void operatorsEventsAreCountedAndAnsweredOneByOne() {
        Reply reply = post(
                WANDA,
                batch(
                        entry("e1", "沪A10001", now.minusSeconds(60)),
                        entry("e2", "沪A 10002", now.minusSeconds(50)),
                        exit("e3", "沪A10001", now.minusSeconds(10)),
                        exit("e4", "沪B99999", now.minusSeconds(5))));
        assertThat(reply.status()).isEqualTo(200);
        JsonArray results = reply.jsonArray("results");
        assertThat(results).hasSize(4);
        assertThat(results.getJsonObject(0).getString("eventId")).isEqualTo("e1");
        assertThat(results.getJsonObject(0).getString("result")).isEqualTo("accepted");
        assertThat(results.getJsonObject(3).getString("result")).isEqualTo("accepted");
        assertThat(results.getJsonObject(3).getString("flag")).isEqualTo("EXIT_WITHOUT_ENTRY");
        assertThat(results.getJsonObject(3).getString("reason")).contains("not known to be inside");
        assertThat(reply.json().getJsonObject("occupancy").getInteger("occupied"))
                .isZero();
        assertThat(occupied()).isZero();
    }

    @Test
    void resentEventsAreDuplicatesAndCountOnce() {
        post(WANDA, batch(entry("e1", "沪A10001", now.minusSeconds(60))));
        Reply again = post(WANDA, batch(entry("e1", "沪A10001", now.minusSeconds(60))));
        assertThat(again.jsonArray("results").getJsonObject(0).getString("result"))
                .isEqualTo("duplicate");
        assertThat(occupied()).isEqualTo(1);
    }

    @Test
    void eventsFromTheFutureOrOlderThanTheDedupeWindowAreRejectedAndTheRestCounted() {
        Reply reply = post(
                WANDA,
                batch(
                        entry("future", "沪A10001", now.plus(Duration.ofHours(1))),
                        entry("ancient", "沪A10002", now.minus(Duration.ofDays(8))),
                        entry("fine", "沪A10003", now)));
        JsonArray results = reply.jsonArray("results");
        assertThat(results.getJsonObject(0).getString("result")).isEqualTo("rejected");
        assertThat(results.getJsonObject(0).getString("reason")).contains("future");
        assertThat(results.getJsonObject(1).getString("result")).isEqualTo("rejected");
        assertThat(results.getJsonObject(2).getString("result")).isEqualTo("accepted");
        assertThat(occupied()).isEqualTo(1);
    }

    @Test
    void withoutATokenIs401AndChangesNothing() {
        Reply reply = post(null, batch(entry("e1", "沪A10001", now)));
        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.isProblem()).isTrue();
        assertThat(post("not-a-token", batch(entry("e1", "沪A10001", now))).status())
                .isEqualTo(401);
        assertThat(occupied()).isZero();
    }

    @Test
    void anotherOperatorsLotIs403AndChangesNothing() {
        Reply reply = post("dev-operator-op-bailian", batch(entry("e1", "沪A10001", now)));
        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.json().getString("detail")).contains("op-wanda");
        assertThat(post("dev-bureau", batch(entry("e1", "沪A10001", now))).status())
                .isEqualTo(403);
        assertThat(post("dev-driver-d1", batch(entry("e1", "沪A10001", now))).status())
                .isEqualTo(403);
        assertThat(occupied()).isZero();
        // the event id was not consumed by the refused attempts
        assertThat(post(WANDA, batch(entry("e1", "沪A10001", now)))
                        .jsonArray("results")
                        .getJsonObject(0)
                        .getString("result"))
                .isEqualTo("accepted");
    }

    @Test
    void unknownLotIs404() {
        Reply reply = platform.send("POST", "/v1/lots/nowhere/events", WANDA, batch(entry("e1", "沪A10001", now)));
        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.isProblem()).isTrue();
    }

    @Test
    void malformedJsonIs400() {
        Reply reply = post(WANDA, "[{\"eventId\": \"e1\",");
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().getString("type")).isEqualTo("/problems/malformed-json");
        assertThat(post(WANDA, "{\"eventId\": \"e1\"}").json().getString("detail"))
                .contains("array");
    }

    @Test
    void oneBadEventRefusesTheWholeBatchNamingTheField() {
        JsonObject noPlate = entry("e2", "x", now);
        noPlate.remove("plate");
        Reply missing = post(WANDA, batch(entry("e1", "沪A10001", now), noPlate));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().getString("field")).isEqualTo("[1].plate");
        assertThat(missing.json().getString("detail")).contains("required");

        Reply wrongType =
                post(WANDA, "[{\"eventId\": 7, \"type\": \"ENTRY\", \"plate\": \"沪A10001\", \"at\": \"" + now + "\"}]");
        assertThat(wrongType.json().getString("field")).isEqualTo("[0].eventId");

        Reply badType = post(
                WANDA,
                batch(new JsonObject()
                        .put("eventId", "e9")
                        .put("type", "PASS")
                        .put("plate", "沪A10001")
                        .put("at", now.toString())));
        assertThat(badType.json().getString("field")).isEqualTo("[0].type");

        Reply badTime = post(WANDA, batch(entry("e1", "沪A10001", now).put("at", "yesterday at noon")));
        assertThat(badTime.status()).isEqualTo(400);
        assertThat(badTime.json().getString("field")).isEqualTo("[0].at");

        Reply localTime = post(WANDA, batch(entry("e1", "沪A10001", now).put("at", "2026-11-29T10:00:00")));
        assertThat(localTime.json().getString("field")).isEqualTo("[0].at");

        Reply badPlate = post(WANDA, batch(entry("e1", "沪A 1000!", now)));
        assertThat(badPlate.json().getString("field")).isEqualTo("[0].plate");

        assertThat(occupied()).isZero();
        assertThat(post(WANDA, batch(entry("e1", "沪A10001", now)))
                        .jsonArray("results")
                        .getJsonObject(0)
                        .getString("result"))
                .isEqualTo("accepted");
    }

    @Test
    void batchesOverAThousandEventsOrBodiesOverOneMebibyteAre413() {
        JsonArray big = new JsonArray();
        for (int i = 0; i < 1001; i++) {
            big.add(entry("e" + i, "沪A" + (10000 + i), now));
        }
        Reply tooMany = post(WANDA, big.encode());
        assertThat(tooMany.status()).isEqualTo(413);
        assertThat(tooMany.isProblem()).isTrue();
        assertThat(tooMany.json().getString("detail")).contains("1000");

        String padding = "x".repeat(1024 * 1024);
        Reply tooBig = post(
                WANDA,
                "[{\"eventId\": \"e1\", \"type\": \"ENTRY\", \"plate\": \"沪A10001\", \"at\": \"" + now
                        + "\", \"gate\": \"" + padding + "\"}]");
        assertThat(tooBig.status()).isEqualTo(413);
        assertThat(tooBig.isProblem()).isTrue();
        assertThat(occupied()).isZero();
    }

    @Test
    void aFullThousandEventBatchIsAccepted() {
        JsonArray full = new JsonArray();
        for (int i = 0; i < 1000; i++) {
            full.add(entry("e" + i, "沪A" + (10000 + i), now.minusSeconds(1000 - i)));
        }
        Reply reply = post(WANDA, full.encode());
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.jsonArray("results")).hasSize(1000);
        assertThat(occupied()).isEqualTo(1000);
    }

    @Test
    void entryIntoAFullLotShowsOverflow() {
        String lot = "/v1/lots/songhu-rd-street";
        String token = "dev-operator-op-yangpu-pt";
        int capacity = platform.get(lot).json().getInteger("capacity");
        JsonArray events = new JsonArray();
        for (int i = 0; i <= capacity; i++) {
            events.add(entry("s" + i, "沪E" + (10000 + i), now.minusSeconds(500 - i)));
        }
        Reply reply = platform.send("POST", lot + "/events", token, events.encode());
        JsonArray results = reply.jsonArray("results");
        assertThat(results.getJsonObject(capacity).getString("flag")).isEqualTo("OVERFLOW");
        JsonObject occupancy = platform.get(lot).json().getJsonObject("occupancy");
        assertThat(occupancy.getInteger("occupied")).isEqualTo(capacity + 1);
        assertThat(occupancy.getInteger("overflow")).isEqualTo(1);
        assertThat(occupancy.getInteger("free")).isZero();
        assertThat(occupancy.getString("status")).isEqualTo("FULL");
    }

    @Test
    void sensorSnapshotSetsTheCountUnlessOlderThanTheState() {
        String body = new JsonObject()
                .put("occupied", 420)
                .put("at", now.minusSeconds(30).toString())
                .encode();
        Reply applied = platform.send("PUT", LOT + "/occupancy", WANDA, body);
        assertThat(applied.status()).isEqualTo(200);
        assertThat(applied.json().getBoolean("applied")).isTrue();
        assertThat(occupied()).isEqualTo(420);

        String older = new JsonObject()
                .put("occupied", 10)
                .put("at", now.minusSeconds(60).toString())
                .encode();
        Reply stale = platform.send("PUT", LOT + "/occupancy", WANDA, older);
        assertThat(stale.status()).isEqualTo(200);
        assertThat(stale.json().getBoolean("applied")).isFalse();
        assertThat(stale.json().getString("reason")).contains("newer");
        assertThat(occupied()).isEqualTo(420);
    }

    @Test
    void badSnapshotsAre400NamingTheFieldAndChangeNothing() {
        Reply negative = platform.send(
                "PUT",
                LOT + "/occupancy",
                WANDA,
                new JsonObject().put("occupied", -1).put("at", now.toString()).encode());
        assertThat(negative.status()).isEqualTo(400);
        assertThat(negative.json().getString("field")).isEqualTo("occupied");
        Reply fractional = platform.send(
                "PUT",
                LOT + "/occupancy",
                WANDA,
                new JsonObject().put("occupied", 1.5).put("at", now.toString()).encode());
        assertThat(fractional.json().getString("field")).isEqualTo("occupied");
        Reply future = platform.send(
                "PUT",
                LOT + "/occupancy",
                WANDA,
                new JsonObject()
                        .put("occupied", 5)
                        .put("at", now.plus(Duration.ofDays(1)).toString())
                        .encode());
        assertThat(future.status()).isEqualTo(400);
        assertThat(future.json().getString("field")).isEqualTo("at");
        Reply forbidden = platform.send(
                "PUT",
                LOT + "/occupancy",
                "dev-operator-op-hopson",
                new JsonObject().put("occupied", 5).put("at", now.toString()).encode());
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(occupied()).isZero();
    }

    @Test
    void aSnapshotFarAboveCapacityIs400NamingOccupiedAndChangesNothing() {
        String fine = new JsonObject()
                .put("occupied", 12)
                .put("at", now.minusSeconds(60).toString())
                .encode();
        assertThat(platform.send("PUT", LOT + "/occupancy", WANDA, fine).status())
                .isEqualTo(200);
        for (int i = 0; i < 2; i++) { // two of these once summed to a negative city total
            Reply implausible = platform.send(
                    "PUT",
                    LOT + "/occupancy",
                    WANDA,
                    new JsonObject()
                            .put("occupied", 2_000_000_000)
                            .put("at", now.toString())
                            .encode());
            assertThat(implausible.status()).isEqualTo(400);
            assertThat(implausible.json().getString("field")).isEqualTo("occupied");
            assertThat(implausible.json().getString("detail")).contains("capacity");
        }
        assertThat(occupied()).isEqualTo(12);
    }

    @Test
    void aBodyThatIsNotDeclaredJsonIs415AndChangesNothing() {
        String events = batch(entry("e1", "沪A10001", now));
        for (String type : new String[] {"text/plain", "application/x-www-form-urlencoded", null}) {
            Reply refused = platform.send("POST", LOT + "/events", WANDA, events, type);
            assertThat(refused.status()).as(type).isEqualTo(415);
            assertThat(refused.isProblem()).as(type).isTrue();
            assertThat(refused.json().getString("type")).isEqualTo("/problems/unsupported-media-type");
            assertThat(refused.json().containsKey("field")).isFalse();
        }
        assertThat(occupied()).isZero();
        assertThat(platform.send("POST", LOT + "/events", WANDA, events, "application/json; charset=UTF-8")
                        .status())
                .isEqualTo(200);
        assertThat(occupied()).isEqualTo(1);
    }

    @Test
    void aKeyGivenTwiceIs400NamingItAndChangesNothing() {
        Reply twice = post(
                WANDA,
                "[{\"eventId\": \"e1\", \"type\": \"ENTRY\", \"plate\": \"沪A12345\", \"plate\": \"沪B00000\","
                        + " \"at\": \"" + now + "\"}]");
        assertThat(twice.status()).isEqualTo(400);
        assertThat(twice.json().getString("field")).isEqualTo("[0].plate");
        assertThat(twice.json().getString("detail")).contains("more than once");
        Reply snapshot = platform.send(
                "PUT", LOT + "/occupancy", WANDA, "{\"occupied\": 1, \"at\": \"" + now + "\", \"occupied\": 2}");
        assertThat(snapshot.status()).isEqualTo(400);
        assertThat(snapshot.json().getString("field")).isEqualTo("occupied");
        assertThat(occupied()).isZero();
    }
}
