package city.parkgrid.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import city.parkgrid.dataset.GeoJsonDataSetReader;
import city.parkgrid.sim.DriverOutcome.End;
import city.parkgrid.sim.report.CsvReport;
import city.parkgrid.sim.report.Summary;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The model's invariants, on a small day (a quarter of the weekend's demand). */
class SimulationTest {

    private static Scenario scenario;
    private static List<RunResult> runs;

    @BeforeAll
    static void simulate() throws Exception {
        scenario = Scenario.read(
                Path.of(SimulationTest.class.getResource("/small-weekend.yaml").toURI()));
        runs = new Experiment(scenario, GeoJsonDataSetReader.wujiaochang()).run();
    }

    @Test
    void runsTheBaselineThenEveryPolicyAtEveryShare() {
        assertThat(runs)
                .extracting(RunResult::run)
                .containsExactly("baseline", "parkgrid-50", "parkgrid-100", "zone-signs-50", "zone-signs-100");
    }

    @Test
    void everyDriverEndsParkedGivenUpOrStillDrivingExactlyOnce() {
        for (RunResult run : runs) {
            Set<Long> ids = new HashSet<>();
            run.drivers()
                    .forEach(d -> assertThat(ids.add(d.driverId()))
                            .as("driver %d once", d.driverId())
                            .isTrue());
            long ended = run.drivers().stream().filter(d -> d.end() != null).count();
            assertThat(ended).isEqualTo(run.drivers().size());
            assertThat(run.drivers()).isNotEmpty();
            assertThat(run.drivers().size()).isEqualTo(runs.get(0).drivers().size());
            run.drivers().stream()
                    .filter(d -> d.end() == End.PARKED)
                    .forEach(d -> assertThat(d.lotId()).isNotNull());
        }
    }

    @Test
    void noLotEverHoldsMoreParkedCarsThanItsCapacity() {
        for (RunResult run : runs) {
            run.occupancy().forEach((lot, series) -> {
                for (int occupied : series) {
                    assertThat(occupied)
                            .as("%s in %s", lot, run.run())
                            .isBetween(0, run.capacity().get(lot));
                }
            });
        }
    }

    @Test
    void everyHoldIsFulfilledOrExpiredOrStillHeldAndNoneTwice() {
        for (RunResult run : runs) {
            var holds = run.holds();
            assertThat(holds.fulfilled() + holds.expired()).isLessThanOrEqualTo(holds.granted());
            if (run.adoptionShare() > 0 && run.policy() == Scenario.Policy.PARKGRID) {
                assertThat(holds.granted()).isPositive();
                long adoptersParked = run.drivers().stream()
                        .filter(d -> d.adopter() && d.end() == End.PARKED)
                        .count();
                assertThat((long) holds.fulfilled()).isLessThanOrEqualTo(adoptersParked);
            } else {
                assertThat(holds.granted()).isZero();
            }
        }
    }

    @Test
    void aDriverWithAHeldSpaceNeverFindsALotFull() {
        RunResult full = runs.stream()
                .filter(r -> r.run().equals("parkgrid-100"))
                .findFirst()
                .orElseThrow();
        long foundFull =
                full.drivers().stream().filter(d -> d.fullLotsFound() > 0).count();
        long withoutHold = full.drivers().size() - full.holds().granted();
        assertThat(foundFull).isLessThanOrEqualTo(withoutHold);
        assertThat(full.holds().granted()).isPositive();
    }

    @Test
    void theSameSeedGivesByteIdenticalCsv(@TempDir Path dir) throws Exception {
        List<RunResult> again = new Experiment(scenario, GeoJsonDataSetReader.wujiaochang()).run();
        int[] peak = Summary.peakWindow(runs.get(0).drivers());
        CsvReport.write(
                dir.resolve("a"),
                runs,
                runs.stream().map(r -> Summary.of(r, peak)).toList());
        CsvReport.write(
                dir.resolve("b"),
                again,
                again.stream().map(r -> Summary.of(r, peak)).toList());
        for (String file : List.of("summary.csv", "occupancy.csv", "search-times.csv")) {
            assertThat(Files.readAllBytes(dir.resolve("b").resolve(file)))
                    .as(file)
                    .isEqualTo(Files.readAllBytes(dir.resolve("a").resolve(file)));
        }
        assertThat(Files.readString(dir.resolve("a").resolve("summary.csv"))).startsWith("run,policy,");
    }

    @Test
    void aMistypedScenarioKeyIsAnError(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(
                bad,
                Files.readString(Path.of(SimulationTest.class
                                .getResource("/small-weekend.yaml")
                                .toURI()))
                        .replace("holdMinutes:", "holdMinutez:"));
        assertThatThrownBy(() -> Scenario.read(bad)).isInstanceOf(UncheckedIOException.class);
    }
}
