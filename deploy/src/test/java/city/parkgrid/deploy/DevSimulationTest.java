package city.parkgrid.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import city.parkgrid.api.testing.PlatformUnderTest;
import city.parkgrid.api.wiring.EmbeddedWiring;
import city.parkgrid.dataset.GeoJsonDataSetReader;
import city.parkgrid.sim.Scenario;
import city.parkgrid.sim.platform.InProcessPlatform;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/**
 * {@code ./parkgrid dev --simulate}: the simulated drivers go through the same use cases as HTTP
 * callers, so their exits are settled on the ledger and the ledger stays balanced.
 */
class DevSimulationTest {

    @Test
    void simulatedExitsAreSettledOnABalancedLedger() throws InterruptedException {
        try (PlatformUnderTest dev =
                new PlatformUnderTest(EmbeddedWiring.node(GeoJsonDataSetReader.wujiaochang(), Clock.systemUTC()))) {
            // an hour of the simulated day per real second: a few simulated hours in a few seconds
            InProcessPlatform traffic =
                    ParkGridMain.simulate(dev.node(), Scenario.fromResource("wujiaochang-weekend.yaml"), 0.6, 3_600);
            long waited = PlatformUnderTest.millisUntil(() -> settledSessions(dev, traffic) > 0, 60_000);
            assertThat(waited)
                    .as("a simulated driver's exit settled within a minute")
                    .isNotNegative();

            JsonObject balance = dev.send("GET", "/v1/ledger/trial-balance", "dev-bureau", null)
                    .json();
            assertThat(balance.getBoolean("balanced")).isTrue();
            assertThat(balance.getLong("transactions")).isPositive();
            assertThat(balance.getLong("debitsFen"))
                    .isEqualTo(balance.getLong("creditsFen"))
                    .isPositive();
        }
    }

    private static long settledSessions(PlatformUnderTest dev, InProcessPlatform traffic) {
        long settled = 0;
        for (String account : traffic.accountIds()) {
            JsonArray sessions = dev.send("GET", "/v1/accounts/" + account + "/sessions", "dev-bureau", null)
                    .jsonArray("sessions");
            for (int i = 0; i < sessions.size(); i++) {
                if ("SETTLED".equals(sessions.getJsonObject(i).getString("status"))) {
                    settled++;
                }
            }
            if (settled > 0) {
                return settled;
            }
        }
        return settled;
    }
}
