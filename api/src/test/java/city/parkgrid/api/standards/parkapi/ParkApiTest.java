package city.parkgrid.api.standards.parkapi;

import static org.assertj.core.api.Assertions.assertThat;

import city.parkgrid.api.standards.StandardsHttp;
import city.parkgrid.api.testing.PlatformUnderTest;
import city.parkgrid.api.testing.PlatformUnderTest.Reply;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** ParkAPI v3 and v1 over real HTTP, each answer held to openapi.yaml. */
class ParkApiTest {

    @RegisterExtension
    final PlatformUnderTest platform = PlatformUnderTest.embeddedPerTest();

    @Test
    void v3ParkingSitesHaveThePublicShapeWithRealtimeData() {
        StandardsHttp.occupy(platform, "wanda-plaza", "dev-operator-op-wanda", 1_200);
        JsonObject body = get("/parkapi/v3/parking-sites");
        assertThat(body.getInteger("total_count")).isEqualTo(40);
        JsonArray items = body.getJsonArray("items");
        assertThat(items).hasSize(40);
        JsonObject wanda = items.stream()
                .map(JsonObject.class::cast)
                .filter(s -> s.getString("id").equals("wanda-plaza"))
                .findFirst()
                .orElseThrow();
        assertThat(wanda.getString("name")).isEqualTo("五角场万达广场");
        assertThat(wanda.getString("lat")).isEqualTo("31.3012000");
        assertThat(new java.math.BigDecimal(wanda.getString("lon")).doubleValue())
                .isEqualTo(121.512);
        assertThat(wanda.getInteger("capacity")).isEqualTo(1_500);
        assertThat(wanda.getString("type")).isEqualTo("CAR_PARK");
        assertThat(wanda.getBoolean("has_realtime_data")).isTrue();
        assertThat(wanda.getInteger("realtime_free_capacity")).isEqualTo(300);
        assertThat(wanda.getString("realtime_opening_status")).isEqualTo("OPEN");
        assertThat(Instant.parse(wanda.getString("realtime_data_updated_at")))
                .isAfter(Instant.now().minusSeconds(60));
        JsonObject near = get("/parkapi/v3/parking-sites?lat=31.3012&lon=121.512&radius=50");
        assertThat(near.getJsonArray("items").getJsonObject(0).getString("id")).isEqualTo("wanda-plaza");
        assertThat(platform.get("/parkapi/v3/parking-sites?lat=31.3").status()).isEqualTo(400);
    }

    /**
     * Reads {@code /parkapi/v1/lots} the way OpenTripPlanner's {@code park-api} updater does
     * ({@code ParkAPIUpdater.parseElement} with {@code CarParkAPIUpdater}'s capacity fields; OTP
     * itself is not run, its jar being far too large a test dependency): the {@code lots} array;
     * per lot {@code id} (else a name/coordinate id), {@code coords.lng}/{@code coords.lat} as
     * doubles, {@code state} read with {@code get(...).asText()} (a lot without one throws),
     * {@code "closed"} meaning closed and anything else operational, {@code total} and
     * {@code free} as ints when present, tags from {@code lot_type}, {@code address},
     * {@code forecast}, {@code state}.
     */
    @Test
    void v1LotsReadAsOpenTripPlannersParkApiUpdaterReadsThem() throws Exception {
        Reply close = platform.send(
                "PUT",
                "/v1/lots/wanda-plaza/status",
                "dev-operator-op-wanda",
                new JsonObject().put("status", "CLOSED").encode());
        assertThat(close.status()).isEqualTo(200);
        Reply reply = platform.get("/parkapi/v1/lots");
        assertThat(reply.status()).isEqualTo(200);
        JsonNode root = new ObjectMapper().readTree(reply.body());
        List<OtpParking> parks = new ArrayList<>();
        for (JsonNode node : root.path("lots")) {
            parks.add(OtpParking.parse(node));
        }
        assertThat(parks).hasSize(40);
        OtpParking wanda = parks.stream()
                .filter(p -> p.id().equals("wanda-plaza"))
                .findFirst()
                .orElseThrow();
        assertThat(wanda.closed()).isTrue();
        assertThat(wanda.carSpaces()).isEqualTo(1_500);
        assertThat(wanda.carSpacesFree())
                .as("free as the platform counts it; state says it takes no one")
                .isEqualTo(1_500);
        assertThat(wanda.lat()).isEqualTo(31.3012);
        assertThat(wanda.lon()).isEqualTo(121.512);
        assertThat(wanda.tags()).contains("lot_type:MALL", "state:closed", "forecast:false");
        assertThat(parks.stream().filter(p -> !p.closed())).hasSize(39);
        assertThat(parks).allSatisfy(p -> {
            assertThat(p.carSpaces()).isPositive();
            assertThat(p.lat()).isBetween(31.2, 31.4);
            assertThat(p.lon()).isBetween(121.4, 121.6);
        });
    }

    /** The fields of OTP's VehicleParking that ParkAPIUpdater fills from one v1 lot. */
    private record OtpParking(
            String id,
            String name,
            double lat,
            double lon,
            boolean closed,
            Integer carSpaces,
            Integer carSpacesFree,
            List<String> tags) {

        static OtpParking parse(JsonNode node) {
            double x = node.path("coords").path("lng").asDouble();
            double y = node.path("coords").path("lat").asDouble();
            String id = node.has("id") ? node.path("id").asText() : String.format("%s/%f/%f", node.get("name"), x, y);
            String state = node.get("state").asText();
            List<String> tags = new ArrayList<>();
            for (String tag : List.of("lot_type", "address", "forecast", "state")) {
                if (node.has(tag)) {
                    tags.add(tag + ":" + node.get(tag).asText());
                }
            }
            return new OtpParking(
                    id,
                    node.path("name").asText(),
                    y,
                    x,
                    state.equals("closed"),
                    node.has("total") ? node.get("total").asInt() : null,
                    node.has("free") ? node.get("free").asInt() : null,
                    tags);
        }
    }

    private JsonObject get(String path) {
        Reply reply = platform.get(path);
        assertThat(reply.status()).as(path).isEqualTo(200);
        return reply.json();
    }
}
