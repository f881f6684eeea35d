package city.parkgrid.api.standards;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** The validators themselves: they pass the standards' own examples and catch what breaks them. */
class StandardSchemasTest {

    @Test
    void theSmartDataModelsOwnKeyValuesExamplesPassAndABrokenOneFails() {
        for (String type : new String[] {"OffStreetParking", "ParkingGroup"}) {
            JsonObject example = StandardSchemas.fiwareExample(type, "example.jsonld");
            assertThat(StandardSchemas.fiwareErrors(type, example)).as(type).isEmpty();
        }
        JsonObject broken = StandardSchemas.fiwareExample("OffStreetParking", "example.jsonld")
                .put("occupancy", 1.5)
                .put("status", new JsonArray().add("half-open"));
        assertThat(StandardSchemas.fiwareErrors("OffStreetParking", broken)).isNotEmpty();
        JsonObject noLocation = StandardSchemas.fiwareExample("OffStreetParking", "example.jsonld");
        noLocation.remove("location");
        assertThat(StandardSchemas.fiwareErrors("OffStreetParking", noLocation))
                .as("location is required")
                .isNotEmpty();
        // the common schema is resolved locally: a bad location is judged by Location-Commons
        JsonObject badPoint = StandardSchemas.fiwareExample("OffStreetParking", "example.jsonld")
                .put("location", new JsonObject().put("type", "Point").put("coordinates", new JsonArray().add(1)));
        assertThat(StandardSchemas.fiwareErrors("OffStreetParking", badPoint)).isNotEmpty();
    }

    @Test
    void apdsComponentSchemasResolveTheirRefsInsideTheDocument() {
        JsonObject demand = new JsonObject().put("count", 3).put("occupancyCalculation", "counted");
        assertThat(StandardSchemas.apdsErrors("DemandType", demand))
                .as("recordDateTime is required")
                .isNotEmpty();
        demand.put("recordDateTime", "2026-12-02T08:00:00Z");
        assertThat(StandardSchemas.apdsErrors("DemandType", demand)).isEmpty();
        demand.put("occupancyCalculation", "guessed");
        assertThat(StandardSchemas.apdsErrors("DemandType", demand))
                .as("CalculationTypeEnum is reached through its $ref")
                .isNotEmpty();
    }
}
