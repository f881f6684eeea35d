package city.parkgrid.api.lots;

import static city.parkgrid.api.testing.GateEvents.batch;
import static city.parkgrid.api.testing.GateEvents.entry;
import static org.assertj.core.api.Assertions.assertThat;

import city.parkgrid.api.testing.PlatformUnderTest;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What navigation providers poll and stream. */
class LotFeedsTest {

    @RegisterExtension
    final PlatformUnderTest platform = PlatformUnderTest.embeddedPerTest();

    private static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private HttpResponse<String> get(String path, String ifNoneMatch) {
        return platform.get(path, ifNoneMatch == null ? Map.of() : Map.of("If-None-Match", ifNoneMatch));
    }

    @Test
    void lotReadsCarryAnEtagAndAnswer304UntilTheLotChanges() throws Exception {
        HttpResponse<String> first = get("/v1/lots/wanda-plaza", null);
        String etag = first.headers().firstValue("ETag").orElseThrow();
        assertThat(get("/v1/lots/wanda-plaza", etag).statusCode()).isEqualTo(304);
        assertThat(get("/v1/lots/wanda-plaza", etag).body()).isEmpty();
        String listTag = get("/v1/lots?zone=wujiaochang", null)
                .headers()
                .firstValue("ETag")
                .orElseThrow();
        assertThat(get("/v1/lots?zone=wujiaochang", listTag).statusCode()).isEqualTo(304);

        platform.send(
                "POST",
                "/v1/lots/wanda-plaza/events",
                "dev-operator-op-wanda",
                batch(entry("e1", "沪A10001", Instant.now())));
        HttpResponse<String> changed = get("/v1/lots/wanda-plaza", etag);
        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(changed.headers().firstValue("ETag").orElseThrow()).isNotEqualTo(etag);
        assertThat(get("/v1/lots?zone=wujiaochang", listTag).statusCode()).isEqualTo(200);
    }

    @Test
    void theStreamOpensWithEveryLotOfTheUnitThenSendsChanges() throws Exception {
        Set<String> unitLots = new HashSet<>();
        platform.get("/v1/lots?zone=wujiaochang")
                .jsonArray("lots")
                .forEach(l -> unitLots.add(((JsonObject) l).getString("id")));
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create(platform.baseUrl() + "/v1/lots/stream?zone=wujiaochang"))
                .header("Last-Event-ID", "wanda-plaza:1")
                .build();
        HttpResponse<Stream<String>> response = HTTP.send(request, HttpResponse.BodyHandlers.ofLines());
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/event-stream");
        BlockingQueue<JsonObject> events = new ArrayBlockingQueue<>(1_000);
        Thread reader = new Thread(() -> {
            Iterator<String> lines = response.body().iterator();
            while (lines.hasNext()) {
                String line = lines.next();
                if (line.startsWith("data: ")) {
                    events.add(new JsonObject(line.substring(6)));
                }
            }
        });
        reader.setDaemon(true);
        reader.start();
        try {
            Set<String> initial = new HashSet<>();
            while (initial.size() < unitLots.size()) {
                JsonObject event = events.poll(5, TimeUnit.SECONDS);
                assertThat(event).as("initial state of every lot").isNotNull();
                initial.add(event.getString("lotId"));
            }
            assertThat(initial).isEqualTo(unitLots);

            long start = System.nanoTime();
            for (int i = 0; i < 20; i++) {
                platform.send(
                        "POST",
                        "/v1/lots/wanda-plaza/events",
                        "dev-operator-op-wanda",
                        batch(entry("s" + i, "沪A" + (10000 + i), Instant.now())));
            }
            int events20 = 0;
            JsonObject last = null;
            while (last == null || last.getJsonObject("occupancy").getInteger("occupied") < 20) {
                JsonObject event = events.poll(3, TimeUnit.SECONDS);
                assertThat(event).as("a change event reflecting all 20 entries").isNotNull();
                assertThat(event.getString("lotId")).isEqualTo("wanda-plaza");
                last = event;
                events20++;
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            // 20 changes, coalesced to at most one event per lot per second
            assertThat(events20).isLessThanOrEqualTo((int) Math.ceil(seconds) + 1);
        } finally {
            response.body().close();
        }
    }

    @Test
    void theStreamNeedsAKnownUnit() throws Exception {
        assertThat(get("/v1/lots/stream", null).statusCode()).isEqualTo(400);
        assertThat(get("/v1/lots/stream?zone=atlantis", null).statusCode()).isEqualTo(404);
    }
}
