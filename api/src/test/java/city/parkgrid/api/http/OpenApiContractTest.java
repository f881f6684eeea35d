package city.parkgrid.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import city.parkgrid.api.Node;
import city.parkgrid.api.testing.PlatformUnderTest;
import city.parkgrid.api.wiring.EmbeddedWiring;
import city.parkgrid.dataset.GeoJsonDataSetReader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import java.time.Clock;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The served OpenAPI document and the router describe the same operations. */
class OpenApiContractTest {

    @Test
    void everyRoutedOperationIsDocumentedAndEveryDocumentedOneIsRouted() throws Exception {
        JsonNode document;
        try (var in = OpenApiContractTest.class.getResourceAsStream("/openapi.yaml")) {
            document = new ObjectMapper(new YAMLFactory()).readTree(in);
        }
        Set<String> documented = new TreeSet<>();
        document.get("paths")
                .fields()
                .forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(method -> {
                    if (!method.equals("parameters")) {
                        documented.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey());
                    }
                }));

        Vertx vertx = Vertx.vertx();
        try (Node platform = EmbeddedWiring.node(GeoJsonDataSetReader.wujiaochang(), Clock.systemUTC())) {
            HttpVerticle verticle = new HttpVerticle(platform, "127.0.0.1", 0);
            verticle.init(vertx, vertx.getOrCreateContext());
            Set<String> routed = new TreeSet<>();
            for (Route route : verticle.router().getRoutes()) {
                if (route.getPath() == null || route.methods() == null) {
                    continue;
                }
                for (HttpMethod method : route.methods()) {
                    routed.add(method.name() + " " + route.getPath().replaceAll(":(\\w+)", "{$1}"));
                }
            }
            assertThat(routed).isEqualTo(documented);
        } finally {
            vertx.close();
        }
    }

    @Test
    void theAppServesTheDocument() {
        try (PlatformUnderTest platform = PlatformUnderTest.embedded()) {
            PlatformUnderTest.Reply reply = platform.get("/openapi.yaml");
            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.contentType()).startsWith("application/yaml");
            assertThat(reply.body()).startsWith("openapi: 3.1.0").contains("/v1/lots/{lotId}/events:");
        }
    }
}
