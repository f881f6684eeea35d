package city.parkgrid.api.serve;

import static city.parkgrid.api.testing.PlatformUnderTest.millisUntil;
import static org.assertj.core.api.Assertions.assertThat;

import city.parkgrid.access.ApiKeys;
import city.parkgrid.access.Role;
import city.parkgrid.api.config.ParkGridConfig;
import city.parkgrid.api.testing.PlatformUnderTest;
import city.parkgrid.api.testing.PlatformUnderTest.Reply;
import city.parkgrid.api.testing.ServeFixture;
import city.parkgrid.api.wiring.ServeWiring;
import city.parkgrid.app.Settings;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two serve nodes on one PostGIS and one Redis: geometry changed through one is seen by the other. */
class TwoServeNodesIT {

    private static final String BUREAU_KEY = "pgk_bureau-test-key-0123456789abcdefghijklmnopq";
    private static final String WANDA_KEY = "pgk_op-wanda-test-key-0123456789abcdefghijklmno";

    private ServeFixture fixture;
    private PlatformUnderTest a;
    private PlatformUnderTest b;

    @BeforeEach
    void start() {
        fixture = new ServeFixture(List.of(
                new ParkGridConfig.Credential(Role.BUREAU, "bureau", ApiKeys.sha256(BUREAU_KEY)),
                new ParkGridConfig.Credential(Role.OPERATOR, "op-wanda", ApiKeys.sha256(WANDA_KEY))));
        a = new PlatformUnderTest(ServeWiring.node(fixture.config(), Clock.systemUTC()));
        b = new PlatformUnderTest(ServeWiring.node(fixture.config(), Clock.systemUTC()));
    }

    @AfterEach
    void stop() {
        a.close();
        b.close();
        fixture.close();
    }

    @Test
    void aZoneRedrawnThroughOneNodeIsInForceOnTheOtherWithinASecond() throws Exception {
        JsonArray ring = new JsonArray();
        double[][] corners = {
            {121.513, 31.2985}, {121.515, 31.2985}, {121.515, 31.3005}, {121.513, 31.3005}, {121.513, 31.2985}
        };
        for (double[] c : corners) {
            ring.add(new JsonArray().add(c[0]).add(c[1]));
        }
        JsonObject feature = new JsonObject()
                .put("type", "Feature")
                .put("properties", new JsonObject().put("nameEn", "Wujiaochang core"))
                .put("geometry", new JsonObject().put("type", "Polygon").put("coordinates", new JsonArray().add(ring)));
        Reply put = a.send("PUT", "/v1/zones/wujiaochang", BUREAU_KEY, feature.encode());
        assertThat(put.status()).isEqualTo(200);
        long seenAfter = millisUntil(
                () -> b.get("/v1/lots/wanda-plaza").json().getString("zoneId") == null
                        && "Wujiaochang core"
                                .equals(b.get("/v1/zones/wujiaochang")
                                        .json()
                                        .getJsonObject("properties")
                                        .getString("nameEn")),
                5_000);
        assertThat(seenAfter).as("ms until node B saw the change").isBetween(0L, 1_000L);
    }

    /** What node B's three cached reads say wanda-plaza has free: the lot, nearby lots, guidance. */
    private List<Integer> freeOnB() {
        int lot =
                b.get("/v1/lots/wanda-plaza").json().getJsonObject("occupancy").getInteger("free");
        int near = b.get("/v1/lots?near=31.2995,121.514&radius=800").json().getJsonArray("lots").stream()
                .map(JsonObject.class::cast)
                .filter(l -> l.getString("id").equals("wanda-plaza"))
                .findFirst()
                .orElseThrow()
                .getJsonObject("occupancy")
                .getInteger("free");
        JsonObject destination = new JsonObject().put("lat", 31.2995).put("lon", 121.514);
        int guided = b
                .send(
                        "POST",
                        "/v1/guidance",
                        null,
                        new JsonObject().put("destination", destination).encode())
                .jsonArray("options")
                .stream()
                .map(JsonObject.class::cast)
                .filter(o -> o.getString("lotId").equals("wanda-plaza"))
                .findFirst()
                .orElseThrow()
                .getInteger("free");
        return List.of(lot, near, guided);
    }

    @Test
    void aCountChangedThroughOneNodeIsInTheOthersCachedReadsWithinTheBound() throws Exception {
        int capacity = b.get("/v1/lots/wanda-plaza").json().getInteger("capacity");
        assertThat(freeOnB()).as("node B has read (and keeps) the lot").containsOnly(capacity);
        JsonObject count = new JsonObject()
                .put("occupied", 100)
                .put("at", java.time.Instant.now().toString());
        Reply put = a.send("PUT", "/v1/lots/wanda-plaza/occupancy", WANDA_KEY, count.encode());
        assertThat(put.status()).as(put.body()).isEqualTo(200);
        assertThat(a.get("/v1/lots/wanda-plaza")
                        .json()
                        .getJsonObject("occupancy")
                        .getInteger("free"))
                .as("the node that made the change reads it at once")
                .isEqualTo(capacity - 100);
        long seenAfter =
                millisUntil(() -> freeOnB().equals(List.of(capacity - 100, capacity - 100, capacity - 100)), 5_000);
        System.out.printf(
                "TwoServeNodesIT: node B's lot, nearby and guidance reads showed the count %d ms after node A acknowledged it%n",
                seenAfter);
        assertThat(seenAfter)
                .as(
                        "ms until every cached read on node B showed the change (bound: %s)",
                        Settings.RECENT_OCCUPANCY_MAX_AGE)
                .isBetween(0L, 1_000L);
    }

    @Test
    void aLotRegisteredThroughOneNodeIsServedByTheOther() throws Exception {
        JsonObject lot = new JsonObject()
                .put("nameZh", "临时停车场")
                .put("nameEn", "Pop-up")
                .put("operatorId", "op-yangpu-pt")
                .put("kind", "ON_STREET")
                .put("capacity", 30)
                .put("location", new JsonObject().put("lat", 31.2990).put("lon", 121.5150));
        assertThat(a.send("PUT", "/v1/lots/pop-up", BUREAU_KEY, lot.encode()).status())
                .isEqualTo(201);
        long seenAfter = millisUntil(() -> b.get("/v1/lots/pop-up").status() == 200, 5_000);
        assertThat(seenAfter).isBetween(0L, 1_000L);
        JsonObject onB = b.get("/v1/lots/pop-up").json();
        assertThat(onB.getString("zoneId")).isEqualTo("wujiaochang");
        assertThat(onB.getJsonObject("occupancy").getInteger("free")).isEqualTo(30);
    }
}
