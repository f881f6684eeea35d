package city.parkgrid.sim;

import static org.assertj.core.api.Assertions.assertThat;

import city.parkgrid.CityTime;
import city.parkgrid.catalog.Geography;
import city.parkgrid.dataset.DataSet;
import city.parkgrid.dataset.GeoJsonDataSetReader;
import city.parkgrid.lots.Lot;
import city.parkgrid.sim.DriverOutcome.End;
import city.parkgrid.sim.platform.InProcessPlatform;
import city.parkgrid.zones.control.ZoneMode;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The stadium match under the bureau's event control (issue 15), on the small test day: the same
 * seed with half the drivers using ParkGrid, without the control and with it, the controlled run watched at every
 * passage of the stadium lot's gate.
 */
class StadiumControlTest {

    private static final String STADIUM = "jiangwan-stadium";

    private static Scenario scenario;
    private static DataSet data;
    private static Experiment experiment;
    private static Geography geography;
    private static RunResult uncontrolled;
    private static RunResult controlled;
    private static final List<String> publicCarsOnReservedSpaces = new ArrayList<>();
    private static int reservationEntries;

    @BeforeAll
    static void simulate() throws Exception {
        scenario = Scenario.read(Path.of(
                StadiumControlTest.class.getResource("/small-match.yaml").toURI()));
        data = GeoJsonDataSetReader.wujiaochang();
        experiment = new Experiment(scenario, data);
        geography = new Geography(data);
        uncontrolled = experiment.runOne(scenario, "parkgrid-50");
        int capacity = geography.getLot(STADIUM).capacity();
        controlled = experiment
                .simulation(scenario, "parkgrid-50-control")
                .observedBy(new Simulation.Observer() {
                    @Override
                    public void reservedGate(
                            String lotId, boolean entry, boolean reservation, boolean held, int occupied, int kept) {
                        if (reservation && entry) {
                            reservationEntries++;
                        }
                        // a car without a reservation (or a hold, which the gate honours whatever the
                        // late counts said) never takes one of the spaces kept for reservations
                        if (entry && !reservation && !held && occupied + kept > capacity) {
                            publicCarsOnReservedSpaces.add(
                                    lotId + ": " + occupied + " inside, " + kept + " kept of " + capacity);
                        }
                    }
                })
                .run("parkgrid-50-control");
    }

    @Test
    void eachParkGridRunIsMadeWithoutAndThenWithTheControl() {
        assertThat(experiment.runNames()).containsExactly("baseline", "parkgrid-50", "parkgrid-50-control");
    }

    @Test
    void thePlatformsOwnScheduleManagesTheUnitAndWithholdsTheReservedSpacesOnlyInTheWindow() {
        InProcessPlatform platform = experiment.controlledPlatform(scenario);
        assertThat(modeAndFreeAt(platform, "10:59")).isEqualTo(ZoneMode.NORMAL + " 500");
        assertThat(modeAndFreeAt(platform, "11:00")).isEqualTo(ZoneMode.MANAGED + " 300");
        assertThat(modeAndFreeAt(platform, "18:59")).isEqualTo(ZoneMode.MANAGED + " 300");
        assertThat(modeAndFreeAt(platform, "19:00")).isEqualTo(ZoneMode.NORMAL + " 500");
        assertThat(modeAndFreeAt(experiment.platform(scenario), "12:00")).isEqualTo(ZoneMode.NORMAL + " 500");
    }

    private static String modeAndFreeAt(InProcessPlatform platform, String localTime) {
        Instant at = scenario.date()
                .atTime(LocalTime.parse(localTime))
                .atZone(CityTime.SHANGHAI)
                .toInstant();
        platform.tick(at);
        return platform.controls().current("wujiaochang").mode() + " " + platform.free(STADIUM);
    }

    @Test
    void theReservedSpacesGoToParkGridFansWhoAllGetInAndToNobodyElse() {
        List<DriverOutcome> reserved =
                controlled.drivers().stream().filter(DriverOutcome::reservation).toList();
        assertThat(reserved).hasSize(200);
        assertThat(reserved)
                .allMatch(d -> d.adopter() && d.segment() == Scenario.Segment.STADIUM_EVENT)
                .allMatch(d -> d.end() == End.PARKED && STADIUM.equals(d.lotId()) && d.fullLotsFound() == 0);
        assertThat(reservationEntries).isEqualTo(200);
        assertThat(publicCarsOnReservedSpaces).isEmpty();
        assertThat(uncontrolled.drivers()).noneMatch(DriverOutcome::reservation);
    }

    @Test
    void underTheControlSomeParkGridFansAreDivertedToParkAndRideOutsideTheUnitAndWithoutItNone() {
        Predicate<DriverOutcome> fanAtParkAndRideOutside = d -> d.segment() == Scenario.Segment.STADIUM_EVENT
                && d.adopter()
                && d.end() == End.PARKED
                && d.parkAndRide()
                && !scenario.zone().equals(lot(d).zoneId());
        assertThat(controlled.drivers().stream().filter(fanAtParkAndRideOutside).count())
                .isPositive();
        assertThat(uncontrolled.drivers()).noneMatch(fanAtParkAndRideOutside);
        // the metro from park-and-ride: nobody parked there walks longer than the ride
        assertThat(controlled.drivers())
                .filteredOn(DriverOutcome::parkAndRide)
                .allMatch(d -> d.walkMinutes() <= scenario.parkAndRideMinutes() + 1e-9);
    }

    private static Lot lot(DriverOutcome d) {
        return geography.getLot(d.lotId());
    }
}
