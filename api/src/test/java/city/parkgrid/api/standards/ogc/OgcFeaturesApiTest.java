package city.parkgrid.api.standards.ogc;

import static org.assertj.core.api.Assertions.assertThat;

import city.parkgrid.api.standards.StandardsHttp;
import city.parkgrid.api.testing.PlatformUnderTest;
import city.parkgrid.api.testing.PlatformUnderTest.Reply;
import city.parkgrid.dataset.DataSet;
import city.parkgrid.dataset.GeoJsonDataSetReader;
import city.parkgrid.lots.Lot;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** OGC API – Features Part 1 over real HTTP, every answer held to openapi.yaml. */
class OgcFeaturesApiTest {

    private static final DataSet WUJIAOCHANG = GeoJsonDataSetReader.wujiaochang();

    @RegisterExtension
    final PlatformUnderTest platform = PlatformUnderTest.embeddedPerTest();

    @Test
    void theLandingPageLinksTheDefinitionTheConformanceAndTheData() {
        Reply landing = platform.get("/ogc");
        assertThat(landing.status()).isEqualTo(200);
        assertThat(landing.contentType()).startsWith("application/json");
        JsonArray links = landing.json().getJsonArray("links");
        assertThat(href(links, "self")).isEqualTo(platform.baseUrl() + "/ogc");
        assertThat(href(links, "service-desc")).isEqualTo(platform.baseUrl() + "/openapi.json");
        Reply definition = platform.get("/openapi.json");
        assertThat(definition.contentType()).startsWith("application/json");
        assertThat(definition.json().getJsonObject("paths").containsKey("/ogc/collections/{collectionId}/items"))
                .isTrue();
        assertThat(href(links, "conformance")).isEqualTo(platform.baseUrl() + "/ogc/conformance");
        assertThat(href(links, "data")).isEqualTo(platform.baseUrl() + "/ogc/collections");
        assertThat(platform.get("/ogc/conformance").json().getJsonArray("conformsTo"))
                .containsExactly(
                        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
                        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson");
    }

    @Test
    void threeCollectionsEachWithItsItemsLinkAndExtent() {
        JsonArray collections = platform.get("/ogc/collections").json().getJsonArray("collections");
        assertThat(collections.stream().map(c -> ((JsonObject) c).getString("id")))
                .containsExactly("regions", "zones", "lots");
        JsonObject lots = platform.get("/ogc/collections/lots").json();
        assertThat(href(lots.getJsonArray("links"), "items"))
                .isEqualTo(platform.baseUrl() + "/ogc/collections/lots/items");
        JsonArray bbox = lots.getJsonObject("extent")
                .getJsonObject("spatial")
                .getJsonArray("bbox")
                .getJsonArray(0);
        double minLon = WUJIAOCHANG.lots().stream()
                .mapToDouble(l -> l.entrance().lon())
                .min()
                .orElseThrow();
        double maxLat = WUJIAOCHANG.lots().stream()
                .mapToDouble(l -> l.entrance().lat())
                .max()
                .orElseThrow();
        assertThat(bbox.getDouble(0)).isEqualTo(minLon);
        assertThat(bbox.getDouble(3)).isEqualTo(maxLat);
        Reply unknown = platform.get("/ogc/collections/parking");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.isProblem()).isTrue();
    }

    @Test
    void followingNextLinksVisitsEveryFeatureOnceWithNumberMatchedOnEveryPage() {
        for (String collection : List.of("regions", "zones", "lots")) {
            int expected = switch (collection) {
                case "regions" -> WUJIAOCHANG.regions().size();
                case "zones" -> WUJIAOCHANG.zones().size();
                default -> WUJIAOCHANG.lots().size();
            };
            List<String> ids = new ArrayList<>();
            String url = "/ogc/collections/" + collection + "/items?limit=3";
            int pages = 0;
            while (url != null) {
                Reply page = platform.get(url.replace(platform.baseUrl(), ""));
                assertThat(page.status()).isEqualTo(200);
                assertThat(page.contentType()).startsWith("application/geo+json");
                JsonObject body = page.json();
                assertThat(body.getInteger("numberMatched")).isEqualTo(expected);
                assertThat(body.getInteger("numberReturned"))
                        .isEqualTo(body.getJsonArray("features").size())
                        .isLessThanOrEqualTo(3);
                body.getJsonArray("features").forEach(f -> ids.add(((JsonObject) f).getString("id")));
                url = href(body.getJsonArray("links"), "next");
                pages++;
            }
            assertThat(ids).as(collection).hasSize(expected).doesNotHaveDuplicates();
            assertThat(pages).isEqualTo((expected + 2) / 3);
        }
        assertThat(platform.get("/ogc/collections/lots/items").json().getJsonArray("features"))
                .as("the default limit")
                .hasSize(OgcHandlers.DEFAULT_LIMIT);
        JsonObject all = platform.get("/ogc/collections/lots/items?limit=50000").json();
        assertThat(all.getInteger("numberReturned"))
                .as("a limit above the maximum is served, not refused")
                .isEqualTo(40);
        assertThat(href(all.getJsonArray("links"), "next")).isNull();
    }

    @Test
    void bboxKeepsTheLotsWhoseEntranceLiesInTheBoxAndPagingKeepsTheBox() {
        double minLon = 121.51, minLat = 31.29, maxLon = 121.52, maxLat = 31.31;
        List<String> inBox = WUJIAOCHANG.lots().stream()
                .filter(l -> l.entrance().lon() >= minLon
                        && l.entrance().lon() <= maxLon
                        && l.entrance().lat() >= minLat
                        && l.entrance().lat() <= maxLat)
                .map(Lot::id)
                .sorted()
                .toList();
        assertThat(inBox).hasSizeBetween(2, 39);
        String bbox = minLon + "," + minLat + "," + maxLon + "," + maxLat;
        JsonObject first =
                platform.get("/ogc/collections/lots/items?limit=2&bbox=" + bbox).json();
        assertThat(first.getInteger("numberMatched")).isEqualTo(inBox.size());
        String next = href(first.getJsonArray("links"), "next");
        assertThat(next).contains("bbox=").contains("offset=2");
        JsonObject second = platform.get(next.replace(platform.baseUrl(), "")).json();
        assertThat(second.getInteger("numberMatched")).isEqualTo(inBox.size());
        assertThat(ids(second)).containsExactlyElementsOf(inBox.subList(2, Math.min(4, inBox.size())));
        // a box around the whole city meets every region
        assertThat(platform.get("/ogc/collections/regions/items?bbox=121,30.9,122,31.6&limit=100")
                        .json()
                        .getInteger("numberMatched"))
                .isEqualTo(WUJIAOCHANG.regions().size());
    }

    @Test
    void lotsCarryTheirLiveOccupancyAsProperties() {
        StandardsHttp.occupy(platform, "wanda-plaza", "dev-operator-op-wanda", 1_400);
        Reply item = platform.get("/ogc/collections/lots/items/wanda-plaza");
        assertThat(item.status()).isEqualTo(200);
        assertThat(item.contentType()).startsWith("application/geo+json");
        JsonObject properties = item.json().getJsonObject("properties");
        assertThat(properties.getInteger("capacity")).isEqualTo(1_500);
        assertThat(properties.getInteger("occupied")).isEqualTo(1_400);
        assertThat(properties.getInteger("free")).isEqualTo(100);
        assertThat(properties.getString("status")).isEqualTo("OPEN");
        assertThat(item.json().getJsonObject("geometry").getString("type")).isEqualTo("Point");
        JsonObject zone =
                platform.get("/ogc/collections/zones/items/wujiaochang").json();
        assertThat(zone.getJsonObject("properties").getInteger("occupied")).isEqualTo(1_400);
        Reply missing = platform.get("/ogc/collections/lots/items/no-such-lot");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.isProblem()).isTrue();
    }

    @Test
    void aBadBboxLimitOrOffsetIsA400NamingIt() {
        for (String query : List.of(
                "bbox=1,2,3",
                "bbox=a,b,c,d",
                "bbox=121.5,31.3,121.4,31.2",
                "bbox=121,31.3,122,31.2",
                "bbox=0,-91,1,0",
                "bbox=121,31,122,32,5",
                "limit=0",
                "limit=ten",
                "offset=-1")) {
            Reply reply = platform.get("/ogc/collections/lots/items?" + query);
            assertThat(reply.status()).as(query).isEqualTo(400);
            assertThat(reply.isProblem()).isTrue();
            assertThat(reply.json().getString("field")).as(query).isEqualTo(query.split("=")[0]);
        }
        assertThat(platform.get("/ogc/collections/lots/items?bbox=121,31,0,122,32,10")
                        .json()
                        .getInteger("numberMatched"))
                .as("six numbers: heights are ignored")
                .isEqualTo(40);
    }

    private static List<String> ids(JsonObject collection) {
        return collection.getJsonArray("features").stream()
                .map(f -> ((JsonObject) f).getString("id"))
                .toList();
    }

    private static String href(JsonArray links, String rel) {
        return links.stream()
                .map(JsonObject.class::cast)
                .filter(l -> rel.equals(l.getString("rel")))
                .map(l -> l.getString("href"))
                .findFirst()
                .orElse(null);
    }
}
