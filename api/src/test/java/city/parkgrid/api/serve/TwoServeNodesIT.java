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

    private ServeFixture fixture;
    private PlatformUnderTest a;
    private PlatformUnderTest b;

    @BeforeEach
    void start() {
        fixture = new ServeFixture(
                List.of(new ParkGridConfig.Credential(Role.BUREAU, "bureau", ApiKeys.sha256(BUREAU_KEY))));
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
