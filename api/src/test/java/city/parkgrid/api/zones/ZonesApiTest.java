package city.parkgrid.api.zones;

import static org.assertj.core.api.Assertions.assertThat;

import city.parkgrid.api.testing.PlatformUnderTest;
import city.parkgrid.api.testing.PlatformUnderTest.Reply;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Parking units as geometry, over HTTP on the embedded platform. */
class ZonesApiTest {

    @RegisterExtension
    final PlatformUnderTest platform = PlatformUnderTest.embeddedPerTest();

    static JsonObject feature(JsonObject geometry) {
        return new JsonObject()
                .put("type", "Feature")
                .put("properties", new JsonObject().put("nameZh", "测试").put("nameEn", "Test"))
                .put("geometry", geometry);
    }

    static JsonObject polygon(double... lonLat) {
        JsonArray ring = new JsonArray();
        for (int i = 0; i < lonLat.length; i += 2) {
            ring.add(new JsonArray().add(lonLat[i]).add(lonLat[i + 1]));
        }
        return new JsonObject().put("type", "Polygon").put("coordinates", new JsonArray().add(ring));
    }

    static JsonObject square(double lon, double lat, double half) {
        return polygon(
                lon - half,
                lat - half,
                lon + half,
                lat - half,
                lon + half,
                lat + half,
                lon - half,
                lat + half,
                lon - half,
                lat - half);
    }

    @Test
    void listsEveryUnitAsAFeatureCollectionWithLiveTotals() {
        Reply reply = platform.get("/v1/zones");
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.contentType()).startsWith("application/geo+json");
        JsonArray features = reply.json().getJsonArray("features");
        assertThat(features.stream().map(f -> ((JsonObject) f).getString("id")))
                .contains("wujiaochang", "siping-tongji");
        JsonObject wujiaochang = platform.get("/v1/zones/wujiaochang").json();
        JsonObject properties = wujiaochang.getJsonObject("properties");
        assertThat(properties.getJsonArray("lotIds")).contains("wanda-plaza", "hopson-one");
        int capacity = properties.getJsonArray("lotIds").stream()
                .mapToInt(id -> platform.get("/v1/lots/" + id).json().getInteger("capacity"))
                .sum();
        assertThat(properties.getInteger("capacity")).isEqualTo(capacity);
        assertThat(properties.getInteger("free")).isEqualTo(capacity);
        assertThat(platform.get("/v1/zones/atlantis").status()).isEqualTo(404);
    }

    @Test
    void theBureauRedrawsAUnitAndLotsAreReassignedByContainment() {
        Reply replaced = platform.send(
                "PUT",
                "/v1/zones/wujiaochang",
                "dev-bureau",
                feature(square(121.5140, 31.2995, 0.001)).encode());
        assertThat(replaced.status()).isEqualTo(200);
        assertThat(replaced.json().getJsonObject("properties").getJsonArray("lotIds"))
                .doesNotContain("wanda-plaza");
        assertThat(replaced.json().getJsonObject("properties").getString("nameEn"))
                .isEqualTo("Test");
        assertThat(platform.get("/v1/lots/wanda-plaza").json().getString("zoneId"))
                .isNull();

        Reply created = platform.send(
                "PUT",
                "/v1/zones/wanda-block",
                "dev-bureau",
                feature(square(121.512, 31.3012, 0.0005)).encode());
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().getJsonObject("properties").getJsonArray("lotIds"))
                .contains("wanda-plaza");
        assertThat(platform.get("/v1/lots/wanda-plaza").json().getString("zoneId"))
                .isEqualTo("wanda-block");
        assertThat(platform.get("/v1/lots?zone=wanda-block").jsonArray("lots")).isNotEmpty();
    }

    @Test
    void invalidGeometryIs400NamingTheDefectAndChangesNothing() {
        JsonObject before = platform.get("/v1/zones/wujiaochang").json();

        Reply bowtie = platform.send(
                "PUT",
                "/v1/zones/wujiaochang",
                "dev-bureau",
                feature(polygon(121.50, 31.29, 121.52, 31.31, 121.52, 31.29, 121.50, 31.31, 121.50, 31.29))
                        .encode());
        assertThat(bowtie.status()).isEqualTo(400);
        assertThat(bowtie.json().getString("field")).isEqualTo("geometry");
        assertThat(bowtie.json().getString("detail")).containsIgnoringCase("self-intersection");

        Reply unclosed = platform.send(
                "PUT",
                "/v1/zones/wujiaochang",
                "dev-bureau",
                feature(polygon(121.50, 31.29, 121.52, 31.29, 121.52, 31.31, 121.50, 31.31))
                        .encode());
        assertThat(unclosed.status()).isEqualTo(400);
        assertThat(unclosed.json().getString("detail")).contains("not closed");

        Reply outOfRange = platform.send(
                "PUT",
                "/v1/zones/wujiaochang",
                "dev-bureau",
                feature(polygon(121.50, 31.29, 181.0, 31.29, 121.52, 31.31, 121.50, 31.29))
                        .encode());
        assertThat(outOfRange.status()).isEqualTo(400);
        assertThat(outOfRange.json().getString("detail")).contains("longitude");

        Reply point = platform.send(
                "PUT",
                "/v1/zones/wujiaochang",
                "dev-bureau",
                feature(new JsonObject()
                                .put("type", "Point")
                                .put("coordinates", new JsonArray().add(121.5).add(31.3)))
                        .encode());
        assertThat(point.status()).isEqualTo(400);
        assertThat(point.json().getString("detail")).contains("Polygon");

        Reply notAFeature = platform.send(
                "PUT",
                "/v1/zones/wujiaochang",
                "dev-bureau",
                square(121.514, 31.2995, 0.001).encode());
        assertThat(notAFeature.status()).isEqualTo(400);
        assertThat(notAFeature.json().getString("field")).isEqualTo("type");

        Reply newWithoutNames = platform.send(
                "PUT",
                "/v1/zones/nameless",
                "dev-bureau",
                new JsonObject()
                        .put("type", "Feature")
                        .put("geometry", square(121.5, 31.3, 0.001))
                        .encode());
        assertThat(newWithoutNames.json().getString("field")).isEqualTo("properties.nameZh");

        assertThat(platform.get("/v1/zones/wujiaochang").json()).isEqualTo(before);
        assertThat(platform.get("/v1/zones/nameless").status()).isEqualTo(404);
    }

    @Test
    void onlyTheBureauRedrawsUnits() {
        String body = feature(square(121.514, 31.2995, 0.001)).encode();
        assertThat(platform.send("PUT", "/v1/zones/wujiaochang", null, body).status())
                .isEqualTo(401);
        assertThat(platform.send("PUT", "/v1/zones/wujiaochang", "dev-operator-op-wanda", body)
                        .status())
                .isEqualTo(403);
        assertThat(platform.send("PUT", "/v1/zones/wujiaochang", "dev-driver-d1", body)
                        .status())
                .isEqualTo(403);
        assertThat(platform.get("/v1/lots/wanda-plaza").json().getString("zoneId"))
                .isEqualTo("wujiaochang");
    }

    @Test
    void aUnitIsSentAsGeoJsonOrJsonAndNothingElse() {
        String body = feature(square(121.5140, 31.2995, 0.001)).encode();
        Reply plain = platform.send("PUT", "/v1/zones/wujiaochang", "dev-bureau", body, "text/plain");
        assertThat(plain.status()).isEqualTo(415);
        assertThat(plain.json().getString("detail")).contains("application/geo+json");
        assertThat(platform.get("/v1/lots/wanda-plaza").json().getString("zoneId"))
                .isEqualTo("wujiaochang");
        Reply geoJson = platform.send("PUT", "/v1/zones/wujiaochang", "dev-bureau", body, "application/geo+json");
        assertThat(geoJson.status()).isEqualTo(200);
        assertThat(platform.get("/v1/lots/wanda-plaza").json().getString("zoneId"))
                .isNull();
    }
}
