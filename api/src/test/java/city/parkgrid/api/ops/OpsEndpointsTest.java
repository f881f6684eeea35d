package city.parkgrid.api.ops;

import static city.parkgrid.api.testing.GateEvents.batch;
import static city.parkgrid.api.testing.GateEvents.entry;
import static org.assertj.core.api.Assertions.assertThat;

import city.parkgrid.api.testing.PlatformUnderTest;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class OpsEndpointsTest {

    @Test
    void healthReportsEveryBackingService() {
        try (PlatformUnderTest platform = PlatformUnderTest.embedded()) {
            PlatformUnderTest.Reply reply = platform.get("/health");
            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.json().getString("status")).isEqualTo("UP");
            assertThat(reply.json()
                            .getJsonObject("checks")
                            .getJsonObject("occupancyStore")
                            .getString("status"))
                    .isEqualTo("UP");
        }
    }

    @Test
    void metricsExposeGateEventCountsAndHttpServerMetricsInPrometheusFormat() {
        try (PlatformUnderTest platform = PlatformUnderTest.embedded()) {
            platform.send(
                    "POST",
                    "/v1/lots/wanda-plaza/events",
                    "dev-operator-op-wanda",
                    batch(entry("m1", "沪A10001", Instant.now()), entry("m1", "沪A10001", Instant.now())));
            PlatformUnderTest.Reply reply = platform.get("/metrics");
            assertThat(reply.status()).isEqualTo(200);
            assertThat(reply.body())
                    .contains("parkgrid_gate_events_total{flag=\"none\",result=\"accepted\"} 1.0")
                    .contains("parkgrid_gate_events_total{flag=\"none\",result=\"duplicate\"} 1.0")
                    .contains("vertx_http_server_requests_total")
                    .contains("vertx_eventbus_handlers{address=\"parkgrid.zones.control\"} 1.0")
                    .contains("vertx_eventbus_handlers{address=\"parkgrid.regions\"} 1.0");
        }
    }

    @Test
    void unknownPathsAndMethodsAreProblems() {
        try (PlatformUnderTest platform = PlatformUnderTest.embedded()) {
            PlatformUnderTest.Reply missing = platform.get("/v1/nothing-here");
            assertThat(missing.status()).isEqualTo(404);
            assertThat(missing.isProblem()).isTrue();
            PlatformUnderTest.Reply wrongMethod = platform.send("DELETE", "/v1/lots/wanda-plaza", null, null);
            assertThat(wrongMethod.status()).isEqualTo(405);
            assertThat(wrongMethod.isProblem()).isTrue();
        }
    }
}
