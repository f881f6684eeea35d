package city.parkgrid.loadtests;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.constantConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.feed;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import java.time.Duration;

/**
 * Navigation apps asking where to park: {@code POST /v1/guidance} for random destinations in the
 * Wujiaochang unit, by a fixed number of concurrent users for a fixed time (closed model).
 */
public class GuidanceSimulation extends Simulation {

    ScenarioBuilder guidance = scenario("guidance")
            .forever()
            .on(feed(Target.destinations())
                    .exec(http("POST /v1/guidance")
                            .post("/v1/guidance")
                            .body(StringBody("{\"destination\": {\"lat\": #{lat}, \"lon\": #{lon}}}"))
                            .check(
                                    status().is(200),
                                    jsonPath("$.options[0].lotId").exists())));

    {
        setUp(guidance.injectClosed(constantConcurrentUsers(Target.USERS).during(Duration.ofSeconds(Target.SECONDS))))
                .protocols(Target.protocol())
                .maxDuration(Duration.ofSeconds(Target.SECONDS + 10));
    }
}
