package city.parkgrid.api.allocation;

import static city.parkgrid.api.testing.GateEvents.batch;
import static city.parkgrid.api.testing.GateEvents.entry;
import static org.assertj.core.api.Assertions.assertThat;

import city.parkgrid.api.testing.PlatformUnderTest;
import city.parkgrid.api.testing.PlatformUnderTest.Reply;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Drivers' guidance and allocations over HTTP, on the embedded platform. */
class AllocationApiTest {

    private static final String DRIVER = "dev-driver-d1";
    private static final JsonObject JUNCTION =
            new JsonObject().put("lat", 31.2995).put("lon", 121.514);

    @RegisterExtension
    final PlatformUnderTest platform = PlatformUnderTest.embeddedPerTest();

    private Reply allocate(String token, JsonObject body) {
        return platform.send("POST", "/v1/allocations", token, body.encode());
    }

    private JsonObject occupancy(String lotId) {
        return platform.get("/v1/lots/" + lotId).json().getJsonObject("occupancy");
    }

    private void fill(String lotId, String operatorToken) {
        int capacity = platform.get("/v1/lots/" + lotId).json().getInteger("capacity");
        platform.send(
                "PUT",
                "/v1/lots/" + lotId + "/occupancy",
                operatorToken,
                new JsonObject()
                        .put("occupied", capacity)
                        .put("at", Instant.now().toString())
                        .encode());
    }

    @Test
    void guidanceSentAsPlainTextIs415() {
        String body = new JsonObject().put("destination", JUNCTION).encode();
        Reply plain = platform.send("POST", "/v1/guidance", null, body, "text/plain");
        assertThat(plain.status()).isEqualTo(415);
        assertThat(plain.isProblem()).isTrue();
        assertThat(plain.json().getString("detail")).contains("application/json");
        assertThat(plain.json().containsKey("field")).isFalse();
        assertThat(platform.send("POST", "/v1/guidance", null, body, null).status())
                .isEqualTo(415);
    }

    @Test
    void guidanceIsOpenAndOffersLotsBestFirst() {
        Reply reply = platform.send(
                "POST",
                "/v1/guidance",
                null,
                new JsonObject().put("destination", JUNCTION).encode());
        assertThat(reply.status()).isEqualTo(200);
        JsonArray options = reply.jsonArray("options");
        assertThat(options).isNotEmpty();
        double previous = -1;
        for (int i = 0; i < options.size(); i++) {
            JsonObject option = options.getJsonObject(i);
            assertThat(option.getInteger("walkMeters")).isLessThanOrEqualTo(800);
            assertThat(option.getInteger("free")).isPositive();
            assertThat(option.getDouble("score")).isGreaterThanOrEqualTo(previous);
            previous = option.getDouble("score");
        }
        assertThat(platform.send(
                                "POST",
                                "/v1/guidance",
                                DRIVER,
                                new JsonObject().put("destination", JUNCTION).encode())
                        .status())
                .isEqualTo(200);
        assertThat(platform.send(
                                "POST",
                                "/v1/guidance",
                                "forged",
                                new JsonObject().put("destination", JUNCTION).encode())
                        .status())
                .isEqualTo(401);
    }

    @Test
    void badGuidanceRequestsNameTheField() {
        assertThat(platform.send("POST", "/v1/guidance", null, "{}").json().getString("field"))
                .isEqualTo("destination");
        assertThat(platform.send(
                                "POST",
                                "/v1/guidance",
                                null,
                                new JsonObject()
                                        .put(
                                                "destination",
                                                new JsonObject().put("lat", 95).put("lon", 121.5))
                                        .encode())
                        .json()
                        .getString("field"))
                .isEqualTo("destination.lat");
        assertThat(platform.send(
                                "POST",
                                "/v1/guidance",
                                null,
                                new JsonObject()
                                        .put("destination", JUNCTION)
                                        .put("maxWalkMeters", 0)
                                        .encode())
                        .json()
                        .getString("field"))
                .isEqualTo("maxWalkMeters");
        assertThat(platform.send(
                                "POST",
                                "/v1/guidance",
                                null,
                                new JsonObject()
                                        .put("destination", JUNCTION)
                                        .put("vehicle", new JsonObject().put("kind", "TANK"))
                                        .encode())
                        .json()
                        .getString("field"))
                .isEqualTo("vehicle.kind");
    }

    @Test
    void aDriverHoldsASpaceSeesItAndCancelsIt() {
        Reply created =
                allocate(DRIVER, new JsonObject().put("plate", "沪A10001").put("destination", JUNCTION));
        assertThat(created.status()).isEqualTo(201);
        JsonObject allocation = created.json();
        assertThat(allocation.getString("status")).isEqualTo("HELD");
        assertThat(allocation.getInteger("walkMeters")).isBetween(0, 800);
        assertThat(Instant.parse(allocation.getString("expiresAt")))
                .isAfter(Instant.now().plusSeconds(14 * 60));
        String lotId = allocation.getString("lotId");
        assertThat(occupancy(lotId).getInteger("held")).isEqualTo(1);

        String path = "/v1/allocations/" + allocation.getString("id");
        assertThat(platform.send("GET", path, DRIVER, null).json().getString("status"))
                .isEqualTo("HELD");
        assertThat(platform.send("GET", path, "dev-driver-someone-else", null).status())
                .isEqualTo(403);
        assertThat(platform.send("DELETE", path, "dev-driver-someone-else", null)
                        .status())
                .isEqualTo(403);
        assertThat(platform.send("GET", path, "dev-bureau", null).status()).isEqualTo(200);
        assertThat(occupancy(lotId).getInteger("held")).isEqualTo(1);

        Reply cancelled = platform.send("DELETE", path, DRIVER, null);
        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(cancelled.json().getString("status")).isEqualTo("CANCELLED");
        assertThat(occupancy(lotId).getInteger("held")).isZero();
        assertThat(platform.send("GET", "/v1/allocations/wanda-plaza.aaaaaaaaaaaaaaaa", DRIVER, null)
                        .status())
                .isEqualTo(404);
    }

    @Test
    void onlyDriversAllocateAndBadRequestsChangeNothing() {
        JsonObject body = new JsonObject().put("plate", "沪A10001").put("lotId", "wanda-plaza");
        assertThat(allocate(null, body).status()).isEqualTo(401);
        assertThat(allocate("dev-operator-op-wanda", body).status()).isEqualTo(403);
        assertThat(allocate(DRIVER, body.copy().put("destination", JUNCTION))
                        .json()
                        .getString("field"))
                .isEqualTo("lotId");
        assertThat(allocate(DRIVER, body.copy().put("lotId", "atlantis")).status())
                .isEqualTo(404);
        assertThat(allocate(DRIVER, body.copy().put("plate", "?")).json().getString("field"))
                .isEqualTo("plate");
        assertThat(allocate(DRIVER, body.copy().put("holdSeconds", 0)).json().getString("field"))
                .isEqualTo("holdSeconds");
        assertThat(occupancy("wanda-plaza").getInteger("held")).isZero();
    }

    @Test
    void aNewAllocationForThePlateReplacesTheOld() {
        String first = allocate(DRIVER, new JsonObject().put("plate", "沪A10001").put("lotId", "wanda-plaza"))
                .json()
                .getString("id");
        allocate(DRIVER, new JsonObject().put("plate", "沪A 10001").put("lotId", "hopson-one"));
        assertThat(platform.send("GET", "/v1/allocations/" + first, DRIVER, null)
                        .json()
                        .getString("status"))
                .isEqualTo("CANCELLED");
        assertThat(occupancy("wanda-plaza").getInteger("held")).isZero();
        assertThat(occupancy("hopson-one").getInteger("held")).isEqualTo(1);
    }

    @Test
    void anotherDriverCannotTakeOverAPlatesAllocation() {
        String mine = allocate(DRIVER, new JsonObject().put("plate", "沪A10001").put("lotId", "wanda-plaza"))
                .json()
                .getString("id");
        Reply theirs = allocate(
                "dev-driver-mallory", new JsonObject().put("plate", "沪A10001").put("lotId", "hopson-one"));
        assertThat(theirs.status()).isEqualTo(409);
        assertThat(theirs.json().getString("type")).isEqualTo("/problems/plate-held");
        assertThat(platform.send("GET", "/v1/allocations/" + mine, DRIVER, null)
                        .json()
                        .getString("status"))
                .isEqualTo("HELD");
    }

    @Test
    void aDriverCannotHoldForAPlateBoundToAnothersAccount() {
        Reply opened = platform.send(
                "POST",
                "/v1/accounts",
                DRIVER,
                new JsonObject()
                        .put("plates", new JsonArray().add("沪A10001"))
                        .put("paymentMethod", new JsonObject().put("type", "PREPAID"))
                        .encode());
        assertThat(opened.status()).isEqualTo(201);
        Reply squat = allocate(
                "dev-driver-mallory", new JsonObject().put("plate", "沪A10001").put("lotId", "wanda-plaza"));
        assertThat(squat.status()).isEqualTo(403);
        assertThat(squat.json().getString("field")).isEqualTo("plate");
        assertThat(occupancy("wanda-plaza").getInteger("held")).isZero();
        Reply own = allocate(DRIVER, new JsonObject().put("plate", "沪A10001").put("lotId", "wanda-plaza"));
        assertThat(own.status()).isEqualTo(201);
        Reply unbound =
                allocate(DRIVER, new JsonObject().put("plate", "沪Z99999").put("lotId", "wanda-plaza"));
        assertThat(unbound.status())
                .as("a driver with an account holds for their own plates only")
                .isEqualTo(403);
    }

    @Test
    void oneDriverWithInventedPlatesCannotTakeAKerbsideLot() {
        int granted = 0;
        for (int i = 0; i < 30; i++) {
            Reply reply = allocate(
                    "dev-driver-mallory",
                    new JsonObject().put("plate", "沪K" + (10000 + i)).put("lotId", "guoquan-rd-street"));
            if (reply.status() == 201) {
                granted++;
            } else {
                assertThat(reply.status()).isEqualTo(409);
                assertThat(reply.json().getString("type")).isEqualTo("/problems/hold-limit");
                assertThat(reply.json().getString("field")).isEqualTo("plate");
            }
        }
        assertThat(granted).isEqualTo(1);
        assertThat(occupancy("guoquan-rd-street").getInteger("held")).isEqualTo(1);
    }

    @Test
    void aDriverHoldsForAtMostTwoOfTheirPlatesAtOnce() {
        platform.send(
                "POST",
                "/v1/accounts",
                DRIVER,
                new JsonObject()
                        .put(
                                "plates",
                                new JsonArray().add("沪A10001").add("沪A10002").add("沪A10003"))
                        .put("paymentMethod", new JsonObject().put("type", "PREPAID"))
                        .encode());
        String first = allocate(DRIVER, new JsonObject().put("plate", "沪A10001").put("lotId", "wanda-plaza"))
                .json()
                .getString("id");
        assertThat(allocate(DRIVER, new JsonObject().put("plate", "沪A10002").put("lotId", "wanda-plaza"))
                        .status())
                .isEqualTo(201);
        Reply third = allocate(DRIVER, new JsonObject().put("plate", "沪A10003").put("lotId", "wanda-plaza"));
        assertThat(third.status()).isEqualTo(409);
        assertThat(third.json().getString("type")).isEqualTo("/problems/hold-limit");
        assertThat(platform.send("DELETE", "/v1/allocations/" + first, DRIVER, null)
                        .status())
                .isLessThan(300);
        assertThat(allocate(DRIVER, new JsonObject().put("plate", "沪A10003").put("lotId", "wanda-plaza"))
                        .status())
                .isEqualTo(201);
    }

    @Test
    void aDriverAskingTooOftenGets429WithRetryAfter() {
        JsonObject body = new JsonObject().put("plate", "沪A10001").put("lotId", "wanda-plaza");
        Reply last = null;
        for (int i = 0; i <= 30 && (last == null || last.status() == 201); i++) {
            last = allocate("dev-driver-eager", body);
        }
        assertThat(last.status()).isEqualTo(429);
        assertThat(last.json().getString("type")).isEqualTo("/problems/too-many-requests");
        assertThat(Integer.parseInt(last.retryAfter())).isBetween(1, 60);
        assertThat(allocate("dev-driver-patient", body.copy().put("plate", "沪A10002"))
                        .status())
                .isEqualTo(201);
    }

    @Test
    void theDriversCarEnteringTheLotFulfilsTheHold() {
        String id = allocate(DRIVER, new JsonObject().put("plate", "沪A10001").put("lotId", "wanda-plaza"))
                .json()
                .getString("id");
        Reply gate = platform.send(
                "POST",
                "/v1/lots/wanda-plaza/events",
                "dev-operator-op-wanda",
                batch(entry("g1", "沪A10001", Instant.now())));
        assertThat(gate.jsonArray("results").getJsonObject(0).getString("flag")).isEqualTo("FULFILLED_HOLD");
        assertThat(platform.send("GET", "/v1/allocations/" + id, DRIVER, null)
                        .json()
                        .getString("status"))
                .isEqualTo("FULFILLED");
        assertThat(occupancy("wanda-plaza").getInteger("held")).isZero();
        assertThat(occupancy("wanda-plaza").getInteger("occupied")).isEqualTo(1);
    }

    @Test
    void noSpaceIsA409ListingAlternativesParkAndRideFirst() {
        fill("songhu-rd-street", "dev-operator-op-yangpu-pt");
        Reply full = allocate(DRIVER, new JsonObject().put("plate", "沪A10001").put("lotId", "songhu-rd-street"));
        assertThat(full.status()).isEqualTo(409);
        assertThat(full.isProblem()).isTrue();
        assertThat(full.json().getString("type")).isEqualTo("/problems/no-space");
        JsonArray alternatives = full.json().getJsonArray("alternatives");
        assertThat(alternatives).isNotEmpty();
        assertThat(alternatives.getJsonObject(0).getString("kind")).isEqualTo("PARK_AND_RIDE");
    }

    @Test
    void anUnclaimedHoldExpiresWithinASecondOfItsExpiry() throws Exception {
        JsonObject allocation = allocate(
                        DRIVER,
                        new JsonObject()
                                .put("plate", "沪A10001")
                                .put("lotId", "wanda-plaza")
                                .put("holdSeconds", 1))
                .json();
        Instant expiresAt = Instant.parse(allocation.getString("expiresAt"));
        Instant freed = null;
        while (Instant.now().isBefore(expiresAt.plusSeconds(5))) {
            if (occupancy("wanda-plaza").getInteger("held") == 0) {
                freed = Instant.now();
                break;
            }
            Thread.sleep(25);
        }
        assertThat(freed).isNotNull();
        assertThat(Duration.between(expiresAt, freed).toMillis()).isBetween(0L, 1_000L);
        assertThat(platform.send("GET", "/v1/allocations/" + allocation.getString("id"), DRIVER, null)
                        .json()
                        .getString("status"))
                .isEqualTo("EXPIRED");
    }
}
