package city.parkgrid.api.lots;

import static city.parkgrid.api.testing.GateEvents.batch;
import static city.parkgrid.api.testing.GateEvents.entry;
import static org.assertj.core.api.Assertions.assertThat;

import city.parkgrid.api.testing.EventStreamClient;
import city.parkgrid.api.testing.EventStreamClient.Event;
import city.parkgrid.api.testing.PlatformUnderTest;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A navigation provider's lot stream across reconnects: {@code Last-Event-ID} resumes it exactly. */
class LotStreamResumeTest {

    @RegisterExtension
    final PlatformUnderTest platform = PlatformUnderTest.embeddedPerTest();

    private Set<String> lotsOf(String zone) {
        Set<String> ids = new HashSet<>();
        platform.get("/v1/lots?zone=" + zone).jsonArray("lots").forEach(l -> ids.add(((JsonObject) l).getString("id")));
        return ids;
    }

    private String stream(String zone) {
        return platform.baseUrl() + "/v1/lots/stream?zone=" + zone;
    }

    private static Set<String> lotIds(List<Event> events) {
        Set<String> ids = new HashSet<>();
        events.forEach(e -> ids.add(e.data().getString("lotId")));
        return ids;
    }

    @Test
    void aClientReconnectingWithItsLastIdGetsTheLotsThatChangedSinceAndNoOthers() throws Exception {
        Set<String> unit = lotsOf("wujiaochang");
        String lastId;
        try (EventStreamClient client = EventStreamClient.open(stream("wujiaochang"), null)) {
            assertThat(client.response().headers().firstValue("Content-Type"))
                    .hasValue("text/event-stream; charset=utf-8");
            assertThat(client.response().headers().firstValue("Cache-Control")).hasValue("no-cache");
            assertThat(client.response().headers().firstValue("X-Accel-Buffering"))
                    .hasValue("no");
            List<Event> opening = client.take(unit.size(), 5_000);
            assertThat(lotIds(opening)).isEqualTo(unit);
            lastId = opening.get(opening.size() - 1).id();
            assertThat(lastId.split("~"))
                    .as("the last id names a version for every lot")
                    .hasSize(unit.size());
        }

        // changes while the client is away: two at one lot, none at the others
        platform.send(
                "POST",
                "/v1/lots/wanda-plaza/events",
                "dev-operator-op-wanda",
                batch(entry("r1", "沪A10001", Instant.now())));
        platform.send(
                "POST",
                "/v1/lots/wanda-plaza/events",
                "dev-operator-op-wanda",
                batch(entry("r2", "沪A10002", Instant.now())));

        String resumedId;
        try (EventStreamClient client = EventStreamClient.open(stream("wujiaochang"), lastId)) {
            Event changed = client.next(5_000);
            assertThat(changed).as("the change made while away").isNotNull();
            assertThat(changed.data().getString("lotId")).isEqualTo("wanda-plaza");
            assertThat(changed.data().getJsonObject("occupancy").getInteger("occupied"))
                    .as("the state now, no gap")
                    .isEqualTo(2);
            assertThat(client.during(2_500)).as("no lot the client already has").isEmpty();
            resumedId = changed.id();
            assertThat(resumedId).isNotEqualTo(lastId);
            assertThat(resumedId.split("~")).hasSize(unit.size());
        }

        try (EventStreamClient client = EventStreamClient.open(stream("wujiaochang"), resumedId)) {
            assertThat(client.during(2_500))
                    .as("nothing changed since the newest id")
                    .isEmpty();
            platform.send(
                    "POST",
                    "/v1/lots/hopson-one/events",
                    "dev-operator-" + operatorOf("hopson-one"),
                    batch(entry("r3", "沪A10003", Instant.now())));
            Event live = client.next(5_000);
            assertThat(live).as("the resumed stream goes on sending changes").isNotNull();
            assertThat(live.data().getString("lotId")).isEqualTo("hopson-one");
        }
    }

    private String operatorOf(String lotId) {
        return platform.get("/v1/lots/" + lotId).json().getString("operatorId");
    }

    @Test
    void anIdThatIsNotTheStreamsOwnOpensWithEveryLot() throws Exception {
        String wujiaochangId;
        try (EventStreamClient client = EventStreamClient.open(stream("wujiaochang"), null)) {
            List<Event> opening = client.take(lotsOf("wujiaochang").size(), 5_000);
            wujiaochangId = opening.get(opening.size() - 1).id();
        }
        Set<String> siping = lotsOf("siping-tongji");
        for (String id : List.of(wujiaochangId, "wanda-plaza:3", "~~", "%zz.1", "a.b.c d")) {
            try (EventStreamClient client = EventStreamClient.open(stream("siping-tongji"), id)) {
                assertThat(lotIds(client.take(siping.size(), 5_000)))
                        .as("opening for Last-Event-ID '%s'", id)
                        .isEqualTo(siping);
            }
        }
    }
}
