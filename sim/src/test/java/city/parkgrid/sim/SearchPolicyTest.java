package city.parkgrid.sim;

import static org.assertj.core.api.Assertions.assertThat;

import city.parkgrid.dataset.GeoJsonDataSetReader;
import city.parkgrid.sim.DriverOutcome.End;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each search policy on a hand-made district with a known answer ({@code tiny-district.yaml}): two
 * visitors to a mall with one space, the second two hours after the first, who stays all day.
 */
class SearchPolicyTest {

    private static Scenario scenario;
    private static Experiment experiment;

    @BeforeAll
    static void district() throws Exception {
        scenario = Scenario.read(resource("/tiny-district.yaml"));
        experiment = new Experiment(scenario, GeoJsonDataSetReader.read(resource("/tiny-district.geojson")));
    }

    private static Path resource(String name) throws Exception {
        return Path.of(SearchPolicyTest.class.getResource(name).toURI());
    }

    private static List<DriverOutcome> drivers(String run) {
        List<DriverOutcome> drivers = experiment.runOne(scenario, run).drivers();
        assertThat(drivers).hasSize(2);
        assertThat(drivers).allMatch(d -> d.end() == End.PARKED);
        assertThat(drivers.get(0).arrivalMinute()).isLessThan(drivers.get(1).arrivalMinute());
        return drivers;
    }

    @Test
    void withNoInformationTheSecondDriverFindsTheNearLotFullThenParksAtTheNextAndNeverInTheClosedOne() {
        List<DriverOutcome> d = drivers("baseline");
        assertThat(d.get(0).lotId()).isEqualTo("a-mall");
        assertThat(d.get(0).fullLotsFound()).isZero();
        assertThat(d.get(1).lotId()).isEqualTo("b-mall");
        assertThat(d.get(1).fullLotsFound()).isEqualTo(1);
        // the detour via the full lot and the minute lost there come on top of the first driver's search
        assertThat(d.get(1).searchMinutes() - d.get(1).walkMinutes())
                .isGreaterThan(d.get(0).searchMinutes()
                        - d.get(0).walkMinutes()
                        + scenario.noInformation().lotCheckMinutes());
    }

    @Test
    void parkGridSendsTheSecondDriverStraightToAFreeLotWithAHoldForEach() {
        RunResult run = experiment.runOne(scenario, "parkgrid-100");
        List<DriverOutcome> d = run.drivers();
        assertThat(d).allMatch(x -> x.end() == End.PARKED && x.fullLotsFound() == 0 && x.held() && x.adopter());
        assertThat(d.get(0).lotId()).isNotEqualTo(d.get(1).lotId());
        assertThat(d).noneMatch(x -> x.lotId().equals("c-home"));
        assertThat(run.holds().granted()).isEqualTo(2);
        assertThat(run.holds().fulfilled()).isEqualTo(2);
        assertThat(run.holds().expired()).isZero();
    }

    @Test
    void aGarageSignReadingFullSendsTheSecondDriverToTheNextGarageWithoutTryingTheFullOne() {
        List<DriverOutcome> d = drivers("garage-signs");
        assertThat(d.get(0).lotId()).isEqualTo("a-mall");
        assertThat(d.get(1).lotId()).isEqualTo("b-mall");
        assertThat(d.get(1).fullLotsFound()).isZero();
    }
}
