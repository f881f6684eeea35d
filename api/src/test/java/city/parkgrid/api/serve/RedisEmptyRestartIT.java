package city.parkgrid.api.serve;

import static city.parkgrid.api.testing.GateEvents.batch;
import static city.parkgrid.api.testing.GateEvents.entry;
import static org.assertj.core.api.Assertions.assertThat;

import city.parkgrid.access.ApiKeys;
import city.parkgrid.access.Role;
import city.parkgrid.api.config.ParkGridConfig;
import city.parkgrid.api.testing.PlatformUnderTest;
import city.parkgrid.api.testing.PlatformUnderTest.Reply;
import city.parkgrid.api.testing.ServeFixture;
import city.parkgrid.api.wiring.ServeWiring;
import city.parkgrid.testing.TestServices;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Redis comes back empty (simulated by removing this test's own keys in one atomic step; the
 * shared Redis keeps running, never flushed): until the node has restored the live state from the
 * journal, writes answer 503 with Retry-After, no lot reads as empty, guidance offers none and
 * {@code /health} is DEGRADED naming why; within 5 s writes are taken again, with no restart, and
 * every lot reads what it read before (issue 18, defect 2; issue 16).
 */
class RedisEmptyRestartIT {

    private static final String OPERATOR_KEY = "pk_test_empty_restart_operator_0123";
    private static final String GUIDANCE = new JsonObject()
            .put("destination", new JsonObject().put("lat", 31.3012).put("lon", 121.512))
            .encode();

    private ServeFixture fixture;

    @BeforeEach
    void start() {
        fixture = new ServeFixture(
                List.of(new ParkGridConfig.Credential(Role.OPERATOR, "op-wanda", ApiKeys.sha256(OPERATOR_KEY))));
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void lostLiveStateReadsAsUnknownUntilRestoredAndWritesRecoverByThemselves() throws Exception {
        ParkGridConfig config = fixture.config();
        try (PlatformUnderTest node = new PlatformUnderTest(ServeWiring.node(config, Clock.systemUTC()))) {
            Instant now = Instant.now();
            assertThat(events(node, "before-1", now).status()).isEqualTo(200);
            JsonObject before = node.get("/v1/lots/wanda-plaza").json().getJsonObject("occupancy");
            assertThat(before.getBoolean("stateKnown")).isTrue();
            assertThat(before.getInteger("occupied")).isEqualTo(1);
            assertThat(node.send("POST", "/v1/guidance", null, GUIDANCE).body()).contains("wanda-plaza");
            assertThat(health(node).getString("status")).isEqualTo("UP");

            assertThat(TestServices.loseKeys(config.redis().keyPrefix())).isPositive();
            long lost = System.nanoTime();

            // the first write notices the loss: refused, nothing applied, the restore begins
            Reply refused = events(node, "after-1", Instant.now());
            assertThat(refused.status()).as(refused.body()).isEqualTo(503);
            assertThat(refused.retryAfter()).as("Retry-After").isNotNull();

            // while the restore waits for changes in flight, nothing reads as empty
            for (String lot : List.of("wanda-plaza", "wanda-plaza-office")) {
                JsonObject state = node.get("/v1/lots/" + lot).json().getJsonObject("occupancy");
                assertThat(state.getBoolean("stateKnown")).as(lot).isFalse();
                assertThat(state.getString("status")).as(lot).isEqualTo("UNKNOWN");
                assertThat(state.getValue("occupied"))
                        .as(lot + " is not claimed empty")
                        .isNull();
                assertThat(state.getValue("updatedAt")).as(lot).isNull();
            }
            Reply guidance = node.send("POST", "/v1/guidance", null, GUIDANCE);
            assertThat(guidance.status()).as(guidance.body()).isEqualTo(200);
            assertThat(guidance.body()).as("no lot of unknown state is offered").doesNotContain("wanda-plaza");
            JsonObject health = health(node);
            assertThat(health.getString("status")).isEqualTo("DEGRADED");
            assertThat(health.getJsonObject("checks").getJsonObject("liveState").getString("error"))
                    .contains("Redis restarted empty");
            assertThat(health.getJsonObject("checks").getJsonObject("redis").getString("status"))
                    .isEqualTo("UP");

            // the same write, sent again, is taken once the state is restored: no restart
            Reply again = events(node, "after-1", Instant.now());
            while (again.status() == 503 && System.nanoTime() - lost < 5_000_000_000L) {
                Thread.sleep(50);
                again = events(node, "after-1", Instant.now());
            }
            assertThat(again.status()).as(again.body()).isEqualTo(200);
            assertThat((System.nanoTime() - lost) / 1_000_000)
                    .as("ms to the first accepted write")
                    .isLessThan(5_000);
            JsonObject after = node.get("/v1/lots/wanda-plaza").json().getJsonObject("occupancy");
            assertThat(after.getBoolean("stateKnown")).isTrue();
            assertThat(after.getInteger("occupied"))
                    .as("the count before the loss, and the one taken after")
                    .isEqualTo(2);
            assertThat(events(node, "before-1", Instant.now()).body())
                    .as("an event acknowledged before the loss is a duplicate after it")
                    .contains("\"result\":\"duplicate\"");
            assertThat(health(node).getString("status")).isEqualTo("UP");
        }
    }

    private static Reply events(PlatformUnderTest node, String eventId, Instant at) {
        return node.send(
                "POST",
                "/v1/lots/wanda-plaza/events",
                OPERATOR_KEY,
                batch(entry(eventId, "沪A1000" + eventId.length(), at)));
    }

    private static JsonObject health(PlatformUnderTest node) {
        Reply reply = node.get("/health");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json();
    }
}
