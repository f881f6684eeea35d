package city.parkgrid.api.console;

import static org.assertj.core.api.Assertions.assertThat;

import city.parkgrid.api.testing.PlatformUnderTest;
import city.parkgrid.api.testing.PlatformUnderTest.Reply;
import org.junit.jupiter.api.Test;

/** The console's pages and files as plain HTTP (the browser tests drive them for real). */
class ConsoleApiTest {

    @Test
    void servesThePagesAndOnlyTheListedFiles() {
        try (PlatformUnderTest platform = PlatformUnderTest.embedded()) {
            Reply page = platform.get("/");
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.contentType()).startsWith("text/html");
            assertThat(page.body())
                    .contains("<meta name=\"parkgrid-mode\" content=\"dev\">")
                    .contains("<meta name=\"parkgrid-tiles\" content=\"\">")
                    .doesNotContain("{{");
            assertThat(platform.get("/wall?zone=wujiaochang").body()).contains("wall.js");
            Reply leaflet = platform.get("/console/leaflet.js");
            assertThat(leaflet.status()).isEqualTo(200);
            assertThat(leaflet.contentType()).startsWith("text/javascript");
            assertThat(leaflet.body()).contains("Leaflet 1.9.4");
            assertThat(platform.get("/console/console.js").body()).contains("/v1/zones/stream");
            assertThat(platform.get("/console/index.html").status()).isEqualTo(404);
            assertThat(platform.get("/console/..%2Fopenapi.yaml").status()).isEqualTo(404);
        }
    }
}
