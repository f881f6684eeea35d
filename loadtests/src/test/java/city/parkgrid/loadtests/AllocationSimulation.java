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
 * Drivers being allocated a space for a destination and then cancelling it (so the unit never
 * fills up and every request does the full work of ranking and an atomic hold):
 * {@code POST /v1/allocations} then {@code DELETE /v1/allocations/{id}}, by a fixed number of
 * concurrent users for a fixed time (closed model).
 */
public class AllocationSimulation extends Simulation {

    ScenarioBuilder allocation = scenario("allocation")
            .forever()
            .on(feed(Target.destinations())
                    .exec(
                            http("POST /v1/allocations")
                                    .post("/v1/allocations")
                                    .header("Authorization", "Bearer #{token}")
                                    .body(
                                            StringBody(
                                                    "{\"plate\": \"#{plate}\", \"destination\": {\"lat\": #{lat}, \"lon\": #{lon}}}"))
                                    .check(status().is(201), jsonPath("$.id").saveAs("allocationId")),
                            http("DELETE /v1/allocations/{id}")
                                    .delete("/v1/allocations/#{allocationId}")
                                    .header("Authorization", "Bearer #{token}")
                                    .check(status().is(200))));

    {
        setUp(allocation.injectClosed(constantConcurrentUsers(Target.USERS).during(Duration.ofSeconds(Target.SECONDS))))
                .protocols(Target.protocol())
                .maxDuration(Duration.ofSeconds(Target.SECONDS + 10));
    }
}
