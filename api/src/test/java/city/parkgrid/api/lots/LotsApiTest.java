package city.parkgrid.api.lots;

import static org.assertj.core.api.Assertions.assertThat;

import city.parkgrid.api.testing.PlatformUnderTest;
import city.parkgrid.api.testing.PlatformUnderTest.Reply;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LotsApiTest {

    private static PlatformUnderTest platform;

    @BeforeAll
    static void start() {
        platform = PlatformUnderTest.embedded();
    }

    @AfterAll
    static void stop() {
        platform.close();
    }

    @Test
    void oneLotCarriesItsDescriptionAndLiveOccupancy() {
        Reply reply = platform.get("/v1/lots/wanda-plaza");
        assertThat(reply.status()).isEqualTo(200);
        JsonObject lot = reply.json();
        assertThat(lot.getString("id")).isEqualTo("wanda-plaza");
        assertThat(lot.getString("name")).contains("万达");
        assertThat(lot.getString("operatorId")).isEqualTo("op-wanda");
        assertThat(lot.getString("zoneId")).isEqualTo("wujiaochang");
        assertThat(lot.getString("kind")).isEqualTo("MALL");
        assertThat(lot.getJsonObject("location").getDouble("lat")).isBetween(31.28, 31.32);
        JsonObject occupancy = lot.getJsonObject("occupancy");
        assertThat(occupancy.getInteger("free")).isEqualTo(lot.getInteger("capacity"));
        assertThat(occupancy.getString("status")).isEqualTo("OPEN");
        assertThat(occupancy.getString("updatedAt")).endsWith("Z");
    }

    @Test
    void unknownLotIsA404Problem() {
        Reply reply = platform.get("/v1/lots/no-such-lot");
        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.isProblem()).isTrue();
        assertThat(reply.json().getString("detail")).contains("no-such-lot");
        assertThat(reply.json().getString("type")).isEqualTo("/problems/not-found");
    }

    @Test
    void nearListsLotsWithinTheRadiusNearestFirst() {
        Reply reply = platform.get("/v1/lots?near=31.2995,121.514&radius=600");
        assertThat(reply.status()).isEqualTo(200);
        JsonArray lots = reply.jsonArray("lots");
        assertThat(lots).isNotEmpty();
        long previous = -1;
        for (int i = 0; i < lots.size(); i++) {
            long distance = lots.getJsonObject(i).getLong("distanceMeters");
            assertThat(distance).isBetween(previous, 600L);
            previous = distance;
        }
        int all = platform.get("/v1/lots").jsonArray("lots").size();
        assertThat(lots.size()).isLessThan(all);
    }

    @Test
    void zoneListsOnlyThatUnitsLots() {
        JsonArray lots = platform.get("/v1/lots?zone=siping-tongji").jsonArray("lots");
        assertThat(lots).isNotEmpty();
        lots.forEach(l -> assertThat(((JsonObject) l).getString("zoneId")).isEqualTo("siping-tongji"));
        assertThat(platform.get("/v1/lots?zone=atlantis").status()).isEqualTo(404);
    }

    @Test
    void badQueryParametersAre400ProblemsNamingTheParameter() {
        Reply badNear = platform.get("/v1/lots?near=north");
        assertThat(badNear.status()).isEqualTo(400);
        assertThat(badNear.isProblem()).isTrue();
        assertThat(badNear.json().getString("field")).isEqualTo("near");
        Reply outOfRange = platform.get("/v1/lots?near=95,121.5");
        assertThat(outOfRange.status()).isEqualTo(400);
        assertThat(outOfRange.json().getString("detail")).contains("latitude");
        Reply badRadius = platform.get("/v1/lots?near=31.3,121.5&radius=-5");
        assertThat(badRadius.status()).isEqualTo(400);
        assertThat(badRadius.json().getString("field")).isEqualTo("radius");
    }
}
