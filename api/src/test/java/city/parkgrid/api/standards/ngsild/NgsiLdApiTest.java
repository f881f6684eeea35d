package city.parkgrid.api.standards.ngsild;

import static org.assertj.core.api.Assertions.assertThat;

import city.parkgrid.api.standards.StandardSchemas;
import city.parkgrid.api.standards.StandardsHttp;
import city.parkgrid.api.testing.PlatformUnderTest;
import city.parkgrid.api.testing.PlatformUnderTest.Reply;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** NGSI-LD entities over real HTTP, each held to openapi.yaml and to its Smart Data Model's schema.json. */
class NgsiLdApiTest {

    private static final String CONTEXT =
            "https://raw.githubusercontent.com/smart-data-models/dataModel.Parking/master/context.jsonld";
    private static final Set<String> NOT_ATTRIBUTES = Set.of("id", "type", "@context");

    @RegisterExtension
    final PlatformUnderTest platform = PlatformUnderTest.embeddedPerTest();

    @Test
    void everyKeyValuesEntityValidatesAgainstItsSmartDataModel() {
        StandardsHttp.occupy(platform, "wanda-plaza", "dev-operator-op-wanda", 1_500);
        for (String type : List.of("OffStreetParking", "ParkingGroup")) {
            JsonArray entities =
                    query("/ngsi-ld/v1/entities?type=" + type + "&options=keyValues&limit=1000", null).body;
            assertThat(entities).hasSize(type.equals("OffStreetParking") ? 40 : 4);
            for (Object e : entities) {
                JsonObject entity = (JsonObject) e;
                assertThat(entity.getString("type")).isEqualTo(type);
                assertThat(entity.getString("id")).startsWith("urn:ngsi-ld:" + type + ":");
                assertThat(StandardSchemas.fiwareErrors(type, entity))
                        .as(entity.getString("id"))
                        .isEmpty();
            }
        }
        JsonObject full = get("/ngsi-ld/v1/entities/urn:ngsi-ld:OffStreetParking:wanda-plaza?options=keyValues");
        assertThat(full.getInteger("totalSpotNumber")).isEqualTo(1_500);
        assertThat(full.getInteger("occupiedSpotNumber")).isEqualTo(1_500);
        assertThat(full.getInteger("availableSpotNumber")).isZero();
        assertThat(full.getDouble("occupancy")).isEqualTo(1.0);
        assertThat(full.getJsonArray("status")).containsExactly("full");
        assertThat(full.getString("refParkingGroup")).isEqualTo("urn:ngsi-ld:ParkingGroup:wujiaochang");
        assertThat(full.getJsonObject("location").getJsonArray("coordinates")).containsExactly(121.512, 31.3012);
    }

    @Test
    void theNormalizedFormIsTheKeyValuesFormAsPropertiesGeoPropertiesAndRelationships() {
        StandardsHttp.occupy(platform, "wanda-plaza", "dev-operator-op-wanda", 750);
        for (String id : List.of("urn:ngsi-ld:OffStreetParking:wanda-plaza", "urn:ngsi-ld:ParkingGroup:wujiaochang")) {
            JsonObject normalized = get("/ngsi-ld/v1/entities/" + id);
            JsonObject keyValues = get("/ngsi-ld/v1/entities/" + id + "?options=keyValues");
            assertThat(normalized.fieldNames()).isEqualTo(keyValues.fieldNames());
            JsonObject simplified =
                    new JsonObject().put("id", normalized.getString("id")).put("type", normalized.getString("type"));
            for (String name : normalized.fieldNames()) {
                if (NOT_ATTRIBUTES.contains(name)) {
                    continue;
                }
                JsonObject attribute = normalized.getJsonObject(name);
                String kind = attribute.getString("type");
                assertThat(kind).as(name).isIn("Property", "GeoProperty", "Relationship");
                if (kind.equals("Relationship")) {
                    assertThat(attribute.getString("object")).as(name).startsWith("urn:ngsi-ld:");
                    simplified.put(name, attribute.getValue("object"));
                } else {
                    assertThat(attribute.containsKey("value")).as(name).isTrue();
                    simplified.put(name, attribute.getValue("value"));
                }
                if (Set.of("availableSpotNumber", "occupiedSpotNumber", "occupancy", "status")
                        .contains(name)) {
                    assertThat(Instant.parse(attribute.getString("observedAt")))
                            .as(name + ".observedAt")
                            .isAfter(Instant.parse("2020-01-01T00:00:00Z"));
                }
            }
            assertThat(normalized.getJsonObject("location").getString("type")).isEqualTo("GeoProperty");
            assertThat(simplified).as(id).isEqualTo(keyValues);
        }
        JsonObject lot = get("/ngsi-ld/v1/entities/urn:ngsi-ld:OffStreetParking:wanda-plaza");
        assertThat(lot.getJsonObject("occupiedSpotNumber").getInteger("value")).isEqualTo(750);
        assertThat(lot.getJsonObject("refParkingGroup").getString("type")).isEqualTo("Relationship");
        JsonObject group = get("/ngsi-ld/v1/entities/urn:ngsi-ld:ParkingGroup:wujiaochang?options=keyValues");
        assertThat(group.getLong("occupiedSpotNumber")).isEqualTo(750);
        assertThat(group.getJsonArray("refParkingSites")).contains("urn:ngsi-ld:OffStreetParking:wanda-plaza");
    }

    @Test
    void ldJsonCarriesTheContextInTheBodyPlainJsonInALinkHeader() {
        HttpResponse<String> ld =
                StandardsHttp.get(platform, "/ngsi-ld/v1/entities?type=ParkingGroup", "application/ld+json");
        assertThat(ld.statusCode()).isEqualTo(200);
        assertThat(ld.headers().firstValue("Content-Type")).hasValue("application/ld+json");
        assertThat(ld.headers().allValues("Link")).noneMatch(l -> l.contains("json-ld#context"));
        for (Object e : new JsonArray(ld.body())) {
            assertThat(((JsonObject) e).getJsonArray("@context")).containsExactly(CONTEXT);
        }
        HttpResponse<String> plain =
                StandardsHttp.get(platform, "/ngsi-ld/v1/entities?type=ParkingGroup", "application/json");
        assertThat(plain.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(plain.headers().allValues("Link"))
                .contains("<" + CONTEXT
                        + ">; rel=\"http://www.w3.org/ns/json-ld#context\"; type=\"application/ld+json\"");
        for (Object e : new JsonArray(plain.body())) {
            assertThat(((JsonObject) e).containsKey("@context")).isFalse();
        }
        HttpResponse<String> one = StandardsHttp.get(
                platform, "/ngsi-ld/v1/entities/urn:ngsi-ld:OffStreetParking:wanda-plaza", "application/ld+json");
        assertThat(new JsonObject(one.body()).getJsonArray("@context")).containsExactly(CONTEXT);
    }

    @Test
    void pagesWithLimitOffsetCountAndANextLink() {
        Page first = query("/ngsi-ld/v1/entities?type=OffStreetParking&count=true", null);
        assertThat(first.body).hasSize(NgsiLdHandlers.DEFAULT_LIMIT);
        assertThat(first.response.headers().firstValue("NGSILD-Results-Count")).hasValue("40");
        String next = first.response.headers().allValues("Link").stream()
                .filter(l -> l.endsWith("rel=\"next\""))
                .findFirst()
                .orElseThrow();
        assertThat(next).contains("offset=20");
        Page second = query(next.substring(1, next.indexOf('>')), null);
        assertThat(second.body).hasSize(20);
        assertThat(second.response.headers().allValues("Link")).noneMatch(l -> l.endsWith("rel=\"next\""));
        assertThat(second.body.getJsonObject(0).getString("id"))
                .isNotEqualTo(first.body.getJsonObject(0).getString("id"));
    }

    @Test
    void anUnknownOrMissingTypeIsA400AndAnUnknownIdA404() {
        for (String query : List.of("type=OnStreetParking", "", "type=ParkingGroup&limit=5000")) {
            Reply reply = platform.get("/ngsi-ld/v1/entities?" + query);
            assertThat(reply.status()).as(query).isEqualTo(400);
            assertThat(reply.isProblem()).isTrue();
        }
        for (String id : List.of(
                "urn:ngsi-ld:OffStreetParking:no-such-lot",
                "urn:ngsi-ld:ParkingGroup:no-such-zone",
                "urn:ngsi-ld:ParkingGroup:wanda-plaza",
                "wanda-plaza")) {
            Reply reply = platform.get("/ngsi-ld/v1/entities/" + id);
            assertThat(reply.status()).as(id).isEqualTo(404);
            assertThat(reply.isProblem()).isTrue();
        }
    }

    private record Page(HttpResponse<String> response, JsonArray body) {}

    private Page query(String path, String accept) {
        HttpResponse<String> response = StandardsHttp.get(platform, path, accept);
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return new Page(response, new JsonArray(response.body()));
    }

    private JsonObject get(String path) {
        Reply reply = platform.get(path);
        assertThat(reply.status()).as(path).isEqualTo(200);
        return reply.json();
    }
}
