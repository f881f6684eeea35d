package city.parkgrid.api.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped Kubernetes manifest agrees with the code: its config loads, its discovery service exists. */
class KubernetesManifestTest {

    private static final Path MANIFEST = Path.of("..", "deploy", "kubernetes", "parkgrid.yaml");

    private static List<JsonNode> documents() throws IOException {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        List<JsonNode> docs = new ArrayList<>();
        try (var parser = yaml.getFactory().createParser(MANIFEST.toFile())) {
            yaml.readValues(parser, JsonNode.class).forEachRemaining(docs::add);
        }
        return docs;
    }

    private static JsonNode find(List<JsonNode> docs, String kind, String name) {
        return docs.stream()
                .filter(d -> kind.equals(d.path("kind").asText())
                        && name.equals(d.path("metadata").path("name").asText()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " " + name + " in " + MANIFEST));
    }

    @Test
    void theNodesFindEachOtherThroughTheHeadlessServiceTheManifestDeclares(@TempDir Path dir) throws IOException {
        List<JsonNode> docs = documents();
        Path config = dir.resolve("config.yaml");
        Files.writeString(
                config,
                find(docs, "ConfigMap", "parkgrid-config")
                        .path("data")
                        .path("config.yaml")
                        .asText());
        Path credentials = Files.writeString(dir.resolve("credentials.yaml"), "[]\n"); // the Secret, mounted elsewhere
        ParkGridConfig loaded = ConfigLoader.load(
                config,
                Map.of("PARKGRID_CLUSTER_HOST", "10.42.0.17", "PARKGRID_CREDENTIALS_FILE", credentials.toString()));

        assertThat(loaded.cluster().enabled()).isTrue();
        assertThat(loaded.cluster().host()).isEqualTo("10.42.0.17");
        JsonNode service = find(docs, "Service", loaded.cluster().kubernetesServiceName());
        assertThat(service.path("spec").path("clusterIP").asText()).isEqualTo("None");
        assertThat(service.path("spec").path("ports").get(0).path("port").asInt())
                .isEqualTo(loaded.cluster().port());

        JsonNode container = find(docs, "Deployment", "parkgrid")
                .path("spec")
                .path("template")
                .path("spec")
                .path("containers")
                .get(0);
        assertThat(container.path("env").findValuesAsText("name"))
                .contains("PARKGRID_CLUSTER_HOST", "PARKGRID_PG_PASSWORD");
        assertThat(container.path("readinessProbe").path("httpGet").path("path").asText())
                .isEqualTo("/health");
        assertThat(loaded.postgres().password()).as("no secret in the manifest").isNull();
    }
}
