package city.parkgrid.api.regions;

import static city.parkgrid.api.testing.GateEvents.batch;
import static city.parkgrid.api.testing.GateEvents.entry;
import static org.assertj.core.api.Assertions.assertThat;

import city.parkgrid.api.testing.PlatformUnderTest;
import city.parkgrid.api.testing.PlatformUnderTest.Reply;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The shared city hierarchy and residents, over HTTP on the embedded platform. */
class RegionsApiTest {

    @RegisterExtension
    final PlatformUnderTest platform = PlatformUnderTest.embeddedPerTest();

    @Test
    void locateAnswersTheChainFromTheCityDownToTheCommunity() {
        Reply reply = platform.get("/v1/regions/locate?lat=31.2995&lon=121.514");
        assertThat(reply.status()).isEqualTo(200);
        JsonArray chain = reply.jsonArray("chain");
        assertThat(chain.stream().map(o -> ((JsonObject) o).getString("id")))
                .containsExactly("shanghai", "yangpu", "wujiaochang-subdistrict", "wjc-sub-square");
        assertThat(chain.getJsonObject(0).getString("level")).isEqualTo("CITY");
        assertThat(chain.getJsonObject(3).getString("level")).isEqualTo("COMMUNITY");
        assertThat(chain.getJsonObject(2).getString("name")).isEqualTo("五角场街道");
    }

    @Test
    void locateOutsideEveryRegionIs404AndBadCoordinatesAre400() {
        Reply beijing = platform.get("/v1/regions/locate?lat=39.9&lon=116.4");
        assertThat(beijing.status()).isEqualTo(404);
        assertThat(beijing.isProblem()).isTrue();
        assertThat(platform.get("/v1/regions/locate?lat=31.3").json().getString("field"))
                .isEqualTo("lon");
        assertThat(platform.get("/v1/regions/locate?lat=north&lon=121.5").json().getString("field"))
                .isEqualTo("lat");
        assertThat(platform.get("/v1/regions/locate?lat=31.3&lon=190").status()).isEqualTo(400);
    }

    @Test
    void aCoordinateThatIsNotFiniteIsRefusedNamingItself() {
        for (String lat : new String[] {"NaN", "Infinity", "-Infinity"}) {
            Reply reply = platform.get("/v1/regions/locate?lat=" + lat + "&lon=121.5");
            assertThat(reply.status()).as(lat).isEqualTo(400);
            assertThat(reply.json().getString("field")).as(lat).isEqualTo("lat");
        }
        Reply lon = platform.get("/v1/regions/locate?lat=31.3&lon=NaN");
        assertThat(lon.status()).isEqualTo(400);
        assertThat(lon.json().getString("field")).isEqualTo("lon");
    }

    @Test
    void aRegionIsAGeoJsonFeatureAndItsChildrenACollection() {
        Reply region = platform.get("/v1/regions/wujiaochang-subdistrict");
        assertThat(region.status()).isEqualTo(200);
        assertThat(region.contentType()).startsWith("application/geo+json");
        JsonObject feature = region.json();
        assertThat(feature.getString("type")).isEqualTo("Feature");
        assertThat(feature.getJsonObject("properties").getString("parentId")).isEqualTo("yangpu");
        assertThat(feature.getJsonObject("properties").getString("level")).isEqualTo("SUBDISTRICT");
        assertThat(feature.getJsonObject("geometry").getString("type")).isEqualTo("MultiPolygon");

        JsonObject children = platform.get("/v1/regions/yangpu/children").json();
        assertThat(children.getString("type")).isEqualTo("FeatureCollection");
        assertThat(children.getJsonArray("features").stream()
                        .map(f -> ((JsonObject) f).getJsonObject("properties").getString("id")))
                .contains("wujiaochang-subdistrict", "siping-road", "yinhang")
                .hasSize(5);
        assertThat(platform.get("/v1/regions/atlantis").status()).isEqualTo(404);
        assertThat(platform.get("/v1/regions/atlantis/children").status()).isEqualTo(404);
    }

    @Test
    void summaryCountsLotsLiveOccupancyAndResidentsWithin() {
        JsonObject before = platform.get("/v1/regions/wjc-sub-square/summary").json();
        assertThat(before.getInteger("lots")).isPositive();
        assertThat(before.getInteger("free")).isEqualTo(before.getInteger("capacity"));
        assertThat(before.getInteger("residents")).isZero();

        platform.send(
                "POST",
                "/v1/lots/wanda-plaza/events",
                "dev-operator-op-wanda",
                batch(entry("s1", "沪A10001", Instant.now()), entry("s2", "沪A10002", Instant.now())));
        platform.send(
                "POST",
                "/v1/residents",
                "dev-service-community",
                new JsonObject()
                        .put("communityId", "wjc-sub-square")
                        .put("plates", new JsonArray().add("沪A10001"))
                        .encode());

        JsonObject after = platform.get("/v1/regions/wjc-sub-square/summary").json();
        assertThat(after.getInteger("occupied")).isEqualTo(2);
        assertThat(after.getInteger("free")).isEqualTo(before.getInteger("free") - 2);
        assertThat(after.getInteger("residents")).isEqualTo(1);
        JsonObject city = platform.get("/v1/regions/shanghai/summary").json();
        assertThat(city.getInteger("residents")).isEqualTo(1);
        assertThat(city.getInteger("lots"))
                .isEqualTo(platform.get("/v1/lots").jsonArray("lots").size());
    }

    @Test
    void servicesAndTheBureauRegisterResidentsOthersMayNot() {
        String body = new JsonObject()
                .put("communityId", "sp-tongji")
                .put("plates", new JsonArray().add("沪B 20001").add("沪b-20002"))
                .encode();
        assertThat(platform.send("POST", "/v1/residents", null, body).status()).isEqualTo(401);
        assertThat(platform.send("POST", "/v1/residents", "dev-driver-d1", body).status())
                .isEqualTo(403);
        assertThat(platform.send("POST", "/v1/residents", "dev-operator-op-wanda", body)
                        .status())
                .isEqualTo(403);

        Reply created = platform.send("POST", "/v1/residents", "dev-service-elderly-care", body);
        assertThat(created.status()).isEqualTo(201);
        JsonObject resident = created.json();
        assertThat(resident.getJsonArray("plates")).containsExactly("沪B20001", "沪B20002");
        assertThat(resident.containsKey("name")).isFalse();

        String path = "/v1/residents/" + resident.getString("id");
        assertThat(platform.send("GET", path, "dev-bureau", null).json()).isEqualTo(resident);
        assertThat(platform.send("GET", path, "dev-driver-d1", null).status()).isEqualTo(403);
        assertThat(platform.send("GET", "/v1/residents/nobody", "dev-bureau", null)
                        .status())
                .isEqualTo(404);
    }

    @Test
    void aPlateBelongsToAtMostOneResident() {
        String first = new JsonObject()
                .put("communityId", "sp-tongji")
                .put("plates", new JsonArray().add("沪C30001"))
                .encode();
        assertThat(platform.send("POST", "/v1/residents", "dev-bureau", first).status())
                .isEqualTo(201);
        String second = new JsonObject()
                .put("communityId", "sp-anshan")
                .put("plates", new JsonArray().add("沪C30002").add("沪C 30001"))
                .encode();
        Reply conflict = platform.send("POST", "/v1/residents", "dev-bureau", second);
        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.json().getString("detail")).contains("沪C30001");
        assertThat(platform.get("/v1/regions/sp-anshan/summary").json().getInteger("residents"))
                .isZero();
    }

    @Test
    void residentsBelongToACommunityAndBadInputIsNamed() {
        Reply notCommunity = platform.send(
                "POST",
                "/v1/residents",
                "dev-bureau",
                new JsonObject()
                        .put("communityId", "yangpu")
                        .put("plates", new JsonArray().add("沪D40001"))
                        .encode());
        assertThat(notCommunity.status()).isEqualTo(400);
        assertThat(notCommunity.json().getString("field")).isEqualTo("communityId");
        Reply unknown = platform.send(
                "POST",
                "/v1/residents",
                "dev-bureau",
                new JsonObject()
                        .put("communityId", "atlantis")
                        .put("plates", new JsonArray().add("沪D40001"))
                        .encode());
        assertThat(unknown.json().getString("field")).isEqualTo("communityId");
        Reply noPlates = platform.send(
                "POST",
                "/v1/residents",
                "dev-bureau",
                new JsonObject()
                        .put("communityId", "sp-tongji")
                        .put("plates", new JsonArray())
                        .encode());
        assertThat(noPlates.json().getString("field")).isEqualTo("plates");
        Reply badPlate = platform.send(
                "POST",
                "/v1/residents",
                "dev-bureau",
                new JsonObject()
                        .put("communityId", "sp-tongji")
                        .put("plates", new JsonArray().add("!"))
                        .encode());
        assertThat(badPlate.json().getString("field")).isEqualTo("plates[0]");
    }
}
