package city.parkgrid.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import city.parkgrid.api.testing.AdversarialSweep;
import city.parkgrid.api.testing.AdversarialSweep.Who;
import city.parkgrid.api.testing.PlatformUnderTest;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The adversarial sweep against a dev node (in-memory stores, dev tokens): every operation of
 * openapi.yaml, malformed input and the authorization matrix, all refused with 4xx problem
 * documents that leak nothing, and nothing changed. {@code AdversarialSweepIT} runs the same
 * sweep against serve.
 */
class AdversarialSweepTest {

    @Test
    @Timeout(90)
    void everyOperationRefusesMalformedInputAndUnauthorizedCallersWithProblemsAndChangesNothing() {
        try (PlatformUnderTest platform = PlatformUnderTest.embedded()) {
            AdversarialSweep sweep = new AdversarialSweep(
                    URI.create(platform.baseUrl()).getPort(),
                    Map.of(
                            Who.BUREAU, "dev-bureau",
                            Who.OPERATOR, "dev-operator-op-wanda",
                            Who.OTHER_OPERATOR, "dev-operator-op-shentong",
                            Who.DRIVER, "dev-driver-alice",
                            Who.OTHER_DRIVER, "dev-driver-bob",
                            Who.SERVICE, "dev-service-community"),
                    "alice",
                    "bob");
            assertThat(sweep.run()).as("findings of the sweep").isEmpty();
            System.out.println("AdversarialSweepTest: " + sweep.requests() + " requests");
            assertThat(sweep.requests()).as("the sweep ran its cases").isGreaterThan(2_000);
        }
    }
}
