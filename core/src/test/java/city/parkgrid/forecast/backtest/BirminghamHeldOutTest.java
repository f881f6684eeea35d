package city.parkgrid.forecast.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import city.parkgrid.forecast.Forecasters;
import city.parkgrid.forecast.Observation;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The acceptance figures of issue 11 on the held-out weeks of the shipped Birmingham data (from
 * 2016-11-22 to the end; docs/PERFORMANCE.md says how the split was fixed before tuning): a
 * change that makes parkgrid worse than its yardsticks fails the build.
 */
class BirminghamHeldOutTest {

    static final int[] HORIZONS = {30, 60, 120, 240};

    @Test
    void parkgridBeatsEveryBaselineAndLiipiByTenPercentWithCalibratedIntervals() throws Exception {
        ZoneId london = ZoneId.of("Europe/London");
        Map<String, List<Observation>> lots = BirminghamCsv.read(
                Path.of(BirminghamHeldOutTest.class
                        .getResource("/forecast/birmingham/occupancy-2016-10-04_2016-12-12.csv")
                        .toURI()),
                london);
        Summary summary = new Summary();

        Backtest.run(
                lots,
                Forecasters.all(),
                new Backtest.Options(LocalDate.parse("2016-11-22"), null, List.of(30, 60, 120, 240), london),
                summary);

        for (int h : HORIZONS) {
            Summary.Row own = summary.row("parkgrid", h);
            assertThat(own.n()).as("targets at %d min", h).isGreaterThan(9000);
            for (String baseline :
                    Forecasters.names().subList(1, Forecasters.names().size())) {
                assertThat(own.maeSpaces())
                        .as("parkgrid against %s at %d min", baseline, h)
                        .isLessThan(summary.row(baseline, h).maeSpaces());
            }
            assertThat(own.intervalCoverage()).as("coverage at %d min", h).isBetween(0.70, 0.90);
        }
        for (int h : new int[] {60, 120}) {
            assertThat(summary.row("parkgrid", h).maeSpaces())
                    .as("parkgrid against relativized-average at %d min", h)
                    .isLessThanOrEqualTo(
                            0.9 * summary.row("relativized-average", h).maeSpaces());
        }
    }
}
