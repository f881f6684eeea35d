package city.parkgrid.api.standards.apds;

import static org.assertj.core.api.Assertions.assertThat;

import city.parkgrid.api.standards.StandardSchemas;
import city.parkgrid.api.standards.StandardsHttp;
import city.parkgrid.api.testing.PlatformUnderTest;
import city.parkgrid.api.testing.PlatformUnderTest.Reply;
import city.parkgrid.api.testing.TariffBodies;
import city.parkgrid.dataset.GeoJsonDataSetReader;
import city.parkgrid.geo.Distances;
import city.parkgrid.geo.GeoPoint;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** APDS v4 over real HTTP, each answer held to openapi.yaml and to the component schemas of apds4.yaml. */
class ApdsApiTest {

    @RegisterExtension
    final PlatformUnderTest platform = PlatformUnderTest.embeddedPerTest();

    @Test
    void placesValidateAsAHierarchyElementListOfPlaces() {
        JsonObject list = get("/apds/v4/places?expand=occupancy");
        assertThat(StandardSchemas.apdsErrors("HierarchyElementList", list)).isEmpty();
        assertThat(list.getJsonObject("meta").getInteger("total")).isEqualTo(40);
        JsonArray data = list.getJsonArray("data");
        assertThat(data).hasSize(40);
        for (Object place : data) {
            assertThat(StandardSchemas.apdsErrors("Place", place))
                    .as(((JsonObject) place).getString("id"))
                    .isEmpty();
        }
        JsonObject bare = get("/apds/v4/places").getJsonArray("data").getJsonObject(0);
        assertThat(bare.containsKey("hierarchyElementReference"))
                .as("occupancy only when expanded")
                .isFalse();
        assertThat(StandardSchemas.apdsErrors("Place", bare)).isEmpty();
    }

    @Test
    void aPlaceWithOccupancyCarriesItsSupplyAndTheDemandCountedNow() {
        StandardsHttp.occupy(platform, "wanda-plaza", "dev-operator-op-wanda", 600);
        JsonObject place = get("/apds/v4/places/wanda-plaza?expand=occupancy");
        assertThat(StandardSchemas.apdsErrors("Place", place)).isEmpty();
        JsonObject reference = place.getJsonObject("hierarchyElementReference");
        assertThat(StandardSchemas.apdsErrors("HierarchyElementReference", reference))
                .isEmpty();
        assertThat(reference.getJsonArray("supply").getJsonObject(0).getInteger("supplyQuantity"))
                .isEqualTo(1_500);
        JsonObject demand = reference
                .getJsonArray("demandTable")
                .getJsonObject(0)
                .getJsonArray("demandType")
                .getJsonObject(0);
        assertThat(demand.getInteger("count")).isEqualTo(600);
        assertThat(demand.getString("occupancyCalculation")).isEqualTo("counted");
        assertThat(demand.getDouble("percentage")).isEqualTo(40.0);
        // and what is expected ahead, from the forecasts: 30 min, 1 h and 2 h
        var tables = reference.getJsonArray("demandTable");
        assertThat(tables).hasSize(4);
        java.time.Instant previous =
                java.time.Instant.parse(tables.getJsonObject(0).getString("timestamp"));
        for (int i = 1; i < tables.size(); i++) {
            JsonObject expected =
                    tables.getJsonObject(i).getJsonArray("demandType").getJsonObject(0);
            assertThat(expected.getString("occupancyCalculation")).isEqualTo("expected");
            assertThat(expected.getInteger("count")).isBetween(0, 1_500);
            java.time.Instant at = java.time.Instant.parse(expected.getString("recordDateTime"));
            assertThat(at).isAfter(previous);
            previous = at;
        }
        assertThat(place.getString("timeZone")).isEqualTo("Asia/Shanghai");
        Reply missing = platform.get("/apds/v4/places/no-such-lot");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.isProblem()).isTrue();
    }

    @Test
    void placesWithinARadiusAreTheLotsThatNear() {
        GeoPoint centre = GeoPoint.of(31.3, 121.51);
        List<String> expected = GeoJsonDataSetReader.wujiaochang().lots().stream()
                .filter(l -> Distances.metres(centre, l.entrance()) <= 500)
                .map(l -> l.id())
                .sorted()
                .toList();
        assertThat(expected).isNotEmpty();
        for (String query : List.of("latitude=31.3&longitude=121.51&radius=500", "lat=31.3&lon=121.51&radius=500")) {
            JsonObject list = get("/apds/v4/places?" + query);
            assertThat(StandardSchemas.apdsErrors("HierarchyElementList", list)).isEmpty();
            assertThat(list.getJsonArray("data").stream()
                            .map(p -> ((JsonObject) p).getString("id"))
                            .sorted())
                    .as(query)
                    .containsExactlyElementsOf(expected);
        }
        assertThat(platform.get("/apds/v4/places?latitude=31.3").status()).isEqualTo(400);
        assertThat(platform.get("/apds/v4/places?latitude=91&longitude=121").status())
                .isEqualTo(400);
        assertThat(platform.get("/apds/v4/places?page=0").status()).isEqualTo(400);
    }

    @Test
    void ratesAreTheLotsTariffsAsRateTablesThatValidate() {
        assertThat(get("/apds/v4/rates").getJsonArray("data"))
                .as("no tariff set yet")
                .isEmpty();
        Reply tariff = platform.send(
                "PUT",
                "/v1/lots/wanda-plaza/tariff",
                "dev-operator-op-wanda",
                new JsonObject()
                        .put("freeMinutes", 15)
                        .put("dayRateFen", 1_000)
                        .put("nightRateFen", 500)
                        .put("dayStarts", "08:00")
                        .put("nightStarts", "20:00")
                        .put("dailyCapFen", 6_000)
                        .encode());
        assertThat(tariff.status()).isEqualTo(200);
        JsonObject rates = get("/apds/v4/rates");
        assertThat(StandardSchemas.apdsErrors("RateTableList", rates)).isEmpty();
        JsonArray tables = rates.getJsonArray("data");
        assertThat(tables).hasSize(2);
        for (Object table : tables) {
            assertThat(StandardSchemas.apdsErrors("RateTable", table)).isEmpty();
        }
        JsonObject day = tables.getJsonObject(0);
        assertThat(day.getString("id")).isEqualTo("wanda-plaza-day");
        JsonObject collection = day.getJsonArray("rateLineCollections").getJsonObject(0);
        assertThat(collection.getString("applicableCurrency")).isEqualTo("CNY");
        assertThat(collection.getJsonObject("maxValueCollection").getDouble("currencyValue"))
                .isEqualTo(60.0);
        JsonArray lines = collection.getJsonArray("rateLines");
        assertThat(lines.getJsonObject(0).getString("durationEnd")).isEqualTo("PT15M");
        assertThat(lines.getJsonObject(1).getDouble("value")).isEqualTo(10.0);
        assertThat(lines.getJsonObject(1).getString("incrementPeriod")).isEqualTo("PT60M");
        JsonObject band = day.getJsonObject("validity")
                .getJsonObject("validityTimeSpecification")
                .getJsonArray("validPeriods")
                .getJsonObject(0)
                .getJsonArray("recurringTimePeriodOfDay")
                .getJsonObject(0);
        assertThat(band.getString("startTimeOfPeriod")).isEqualTo("08:00");
        assertThat(band.getString("endTimeOfPeriod")).isEqualTo("20:00");
        JsonObject night = tables.getJsonObject(1);
        assertThat(night.getJsonArray("rateLineCollections")
                        .getJsonObject(0)
                        .getJsonArray("rateLines")
                        .getJsonObject(1)
                        .getDouble("value"))
                .isEqualTo(5.0);
    }

    @Test
    void aScheduledTariffVersionWithBandRatesIsPublishedAsRateTablesBeforeItApplies() {
        Instant from = Instant.now().plus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        TariffBodies.putWithWeekendBandFrom(
                platform, "wanda-plaza", "dev-operator-op-wanda", TariffBodies.dayAndNight(1_000, 6_000), from, 1_400);

        JsonObject rates = get("/apds/v4/rates");
        assertThat(StandardSchemas.apdsErrors("RateTableList", rates)).isEmpty();
        JsonArray tables = rates.getJsonArray("data");
        assertThat(tables.stream().map(t -> ((JsonObject) t).getString("id")))
                .containsExactly(
                        "wanda-plaza-day",
                        "wanda-plaza-night",
                        "wanda-plaza@" + from.getEpochSecond() + "-day",
                        "wanda-plaza@" + from.getEpochSecond() + "-night",
                        "wanda-plaza@" + from.getEpochSecond() + "-band1");
        JsonObject todaysDay =
                tables.getJsonObject(0).getJsonObject("validity").getJsonObject("validityTimeSpecification");
        assertThat(todaysDay.getString("overallEndTime"))
                .as("today's tables end when the scheduled version applies")
                .isEqualTo(from.toString());
        JsonObject band = tables.getJsonObject(4);
        assertThat(band.getString("validityStart")).isEqualTo(from.toString());
        JsonObject spec = band.getJsonObject("validity").getJsonObject("validityTimeSpecification");
        assertThat(spec.containsKey("overallEndTime")).isFalse();
        JsonObject period = spec.getJsonArray("validPeriods").getJsonObject(0);
        assertThat(period.getJsonArray("recurringDayWeekMonthPeriod")
                        .getJsonObject(0)
                        .getJsonArray("applicableDay"))
                .containsExactly("saturday", "sunday");
        assertThat(period.getJsonArray("recurringTimePeriodOfDay").getJsonObject(0))
                .isEqualTo(new JsonObject().put("startTimeOfPeriod", "10:00").put("endTimeOfPeriod", "18:00"));
        assertThat(band.getJsonArray("rateLineCollections")
                        .getJsonObject(0)
                        .getJsonArray("rateLines")
                        .getJsonObject(0)
                        .getDouble("value"))
                .isEqualTo(14.0);
    }

    private JsonObject get(String path) {
        Reply reply = platform.get(path);
        assertThat(reply.status()).as(path).isEqualTo(200);
        return reply.json();
    }
}
