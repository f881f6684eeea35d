package city.parkgrid.api.zones;

import static city.parkgrid.api.testing.GateEvents.batch;
import static city.parkgrid.api.testing.GateEvents.entry;
import static org.assertj.core.api.Assertions.assertThat;

import city.parkgrid.api.testing.EventStreamClient;
import city.parkgrid.api.testing.EventStreamClient.Event;
import city.parkgrid.api.testing.PlatformUnderTest;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The bureau's console's unit stream across reconnects: {@code Last-Event-ID} resumes it exactly. */
class ZoneStreamResumeTest {

    @RegisterExtension
    final PlatformUnderTest platform = PlatformUnderTest.embeddedPerTest();

    private String stream() {
        return platform.baseUrl() + "/v1/zones/stream";
    }

    private Set<String> units() {
        Set<String> zones = new HashSet<>();
        platform.get("/v1/zones")
                .jsonArray("features")
                .forEach(f ->
                        zones.add(((JsonObject) f).getJsonObject("properties").getString("id")));
        return zones;
    }

    private static List<String> named(List<Event> events) {
        List<String> names = new ArrayList<>();
        events.forEach(e -> names.add(e.type() + ":" + e.data().getString("zoneId")));
        return names;
    }

    @Test
    void aConsoleReconnectingWithItsLastIdGetsTheUnitsThatChangedSinceAndNoOthers() throws Exception {
        Set<String> units = units();
        String lastId;
        try (EventStreamClient client = EventStreamClient.open(stream(), null)) {
            assertThat(client.response().headers().firstValue("X-Accel-Buffering"))
                    .hasValue("no");
            assertThat(client.response().headers().firstValue("Cache-Control")).hasValue("no-cache");
            List<Event> opening = client.take(2 * units.size(), 5_000);
            assertThat(new HashSet<>(named(opening))).hasSize(2 * units.size());
            lastId = opening.get(opening.size() - 1).id();
            assertThat(lastId.split("~"))
                    .as("a control and a totals version for every unit")
                    .hasSize(2 * units.size());
        }

        // while the console is away: a new control for one unit, a car into a lot of the same unit
        assertThat(platform.send(
                                "PUT",
                                "/v1/zones/wujiaochang/control",
                                "dev-bureau",
                                new JsonObject()
                                        .put("mode", "EMERGENCY")
                                        .put("reason", "typhoon warning")
                                        .encode())
                        .status())
                .isEqualTo(200);
        platform.send(
                "POST",
                "/v1/lots/wanda-plaza/events",
                "dev-operator-op-wanda",
                batch(entry("z1", "沪A10001", Instant.now())));
        // the control is in force on every node within a second; the stream must not have seen it earlier
        Thread.sleep(1_200);

        String resumedId;
        try (EventStreamClient client = EventStreamClient.open(stream(), lastId)) {
            List<Event> sent = client.take(2, 5_000);
            sent.addAll(client.during(2_500));
            assertThat(named(sent))
                    .as("exactly what changed, once each")
                    .containsExactlyInAnyOrder("control:wujiaochang", "totals:wujiaochang");
            for (Event event : sent) {
                if (event.type().equals("control")) {
                    assertThat(event.data().getString("mode")).isEqualTo("EMERGENCY");
                    assertThat(event.data().getString("reason")).isEqualTo("typhoon warning");
                    assertThat(event.data().getString("source")).isEqualTo("MANUAL");
                } else {
                    assertThat(event.data().getInteger("occupied")).isEqualTo(1);
                }
            }
            resumedId = sent.get(sent.size() - 1).id();
        }

        try (EventStreamClient client = EventStreamClient.open(stream(), resumedId)) {
            assertThat(client.during(2_500))
                    .as("nothing changed since the newest id")
                    .isEmpty();
            platform.send(
                    "PUT",
                    "/v1/zones/wujiaochang/control",
                    "dev-bureau",
                    new JsonObject()
                            .put("mode", "NORMAL")
                            .put("reason", "all clear")
                            .encode());
            Event live = client.next(5_000);
            assertThat(live).as("the resumed stream goes on sending changes").isNotNull();
            assertThat(named(List.of(live))).containsExactly("control:wujiaochang");
            assertThat(live.data().getString("mode")).isEqualTo("NORMAL");
        }
    }
}
