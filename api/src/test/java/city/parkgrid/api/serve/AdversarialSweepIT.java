package city.parkgrid.api.serve;

import static org.assertj.core.api.Assertions.assertThat;

import city.parkgrid.access.ApiKeys;
import city.parkgrid.access.Role;
import city.parkgrid.api.config.ParkGridConfig;
import city.parkgrid.api.testing.AdversarialSweep;
import city.parkgrid.api.testing.AdversarialSweep.Who;
import city.parkgrid.api.testing.PlatformUnderTest;
import city.parkgrid.api.testing.ServeFixture;
import city.parkgrid.api.wiring.ServeWiring;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The adversarial sweep against serve (PostgreSQL, Redis, API keys): where issue 18 found input
 * that dev accepted and serve answered with 5xx, the same cases must be the same 4xx here.
 */
class AdversarialSweepIT {

    private static final Map<Who, String> KEYS = Map.of(
            Who.BUREAU, "pgk_sweep-bureau-0123456789abcdef0123456789",
            Who.OPERATOR, "pgk_sweep-operator-0123456789abcdef01234567",
            Who.OTHER_OPERATOR, "pgk_sweep-other-operator-0123456789abcdef01",
            Who.DRIVER, "pgk_sweep-driver-0123456789abcdef0123456789",
            Who.OTHER_DRIVER, "pgk_sweep-other-driver-0123456789abcdef0123",
            Who.SERVICE, "pgk_sweep-service-0123456789abcdef012345678");

    @Test
    @Timeout(120)
    void everyOperationRefusesMalformedInputAndUnauthorizedCallersWithProblemsAndChangesNothing() {
        try (ServeFixture fixture = new ServeFixture(List.of(
                        credential(Role.BUREAU, "bureau", Who.BUREAU),
                        credential(Role.OPERATOR, "op-wanda", Who.OPERATOR),
                        credential(Role.OPERATOR, "op-shentong", Who.OTHER_OPERATOR),
                        credential(Role.DRIVER, "alice", Who.DRIVER),
                        credential(Role.DRIVER, "bob", Who.OTHER_DRIVER),
                        credential(Role.SERVICE, "community", Who.SERVICE)));
                PlatformUnderTest node = new PlatformUnderTest(ServeWiring.node(fixture.config(), Clock.systemUTC()))) {
            AdversarialSweep sweep =
                    new AdversarialSweep(URI.create(node.baseUrl()).getPort(), KEYS, "alice", "bob");
            assertThat(sweep.run()).as("findings of the sweep").isEmpty();
            System.out.println("AdversarialSweepIT: " + sweep.requests() + " requests");
            assertThat(sweep.requests()).as("the sweep ran its cases").isGreaterThan(2_000);
        }
    }

    private static ParkGridConfig.Credential credential(Role role, String id, Who who) {
        return new ParkGridConfig.Credential(role, id, ApiKeys.sha256(KEYS.get(who)));
    }
}
