package city.parkgrid.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import city.parkgrid.InvalidInputException;
import city.parkgrid.forecast.backtest.Backtest;
import city.parkgrid.forecast.backtest.Summary;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParkgridForecasterTest {

    private final Forecaster parkgrid = Forecasters.named("parkgrid");

    @Test
    void theDefaultIsParkgridAndEveryBaselineIsThereByName() {
        assertThat(Forecasters.DEFAULT).isEqualTo("parkgrid");
        assertThat(Forecasters.parkgrid().name()).isEqualTo("parkgrid");
        assertThat(Forecasters.names())
                .containsExactly(
                        "parkgrid", "persistence", "seasonal-naive", "historical-average", "relativized-average");
        assertThatThrownBy(() -> Forecasters.named("oracle"))
                .isInstanceOf(InvalidInputException.class)
                .extracting(e -> ((InvalidInputException) e).field())
                .isEqualTo("method");
    }

    @Test
    void refusesATargetInThePastOrMoreThanADayAhead() {
        LotHistory history =
                LotHistory.of(List.of(new Observation(Instant.parse("2016-11-01T08:00:00Z"), 3, 10)), Series.LONDON);
        Instant issued = Instant.parse("2016-11-01T09:00:00Z");

        assertThatThrownBy(() -> parkgrid.forecast(history, issued, issued.minusSeconds(1)))
                .isInstanceOf(InvalidInputException.class)
                .extracting(e -> ((InvalidInputException) e).field())
                .isEqualTo("at");
        assertThatThrownBy(() -> parkgrid.forecast(
                        history, issued, issued.plus(Duration.ofHours(24)).plusSeconds(1)))
                .isInstanceOf(InvalidInputException.class)
                .extracting(e -> ((InvalidInputException) e).field())
                .isEqualTo("at");
        assertThat(parkgrid.forecast(history, issued, issued.plus(Duration.ofHours(24))))
                .isPresent();
    }

    @Test
    void withoutAnyReadingBeforeTheIssueThereIsNoForecast() {
        LotHistory history =
                LotHistory.of(List.of(new Observation(Instant.parse("2016-11-01T08:00:00Z"), 3, 10)), Series.LONDON);
        Instant issued = Instant.parse("2016-11-01T07:00:00Z");

        assertThat(parkgrid.forecast(history, issued, issued.plusSeconds(600))).isEmpty();
    }

    @Test
    void aNewLotGetsTheLastValueAndAWideGuessedInterval() {
        Instant at = Instant.parse("2016-11-01T08:00:00Z");
        LotHistory history = LotHistory.of(List.of(new Observation(at, 60, 100)), Series.LONDON);

        Forecast f = parkgrid.forecast(history, at, at.plusSeconds(1800)).orElseThrow();

        assertThat(f.expectedOccupied()).isEqualTo(60);
        assertThat(f.expectedFree()).isEqualTo(40);
        assertThat(f.low()).isEqualTo(48);
        assertThat(f.high()).isEqualTo(72);
        assertThat(f.probabilityFree()).isEqualTo(1.0);
    }

    @Test
    void aFullLotHasLittleChanceOfAFreeSpaceAndAnEmptyOneAlmostCertainly() {
        List<Observation> full =
                Series.every(Instant.parse("2016-10-01T00:00:00Z"), Duration.ofMinutes(30), 48 * 30, 100, 100);
        List<Observation> empty =
                Series.every(Instant.parse("2016-10-01T00:00:00Z"), Duration.ofMinutes(30), 48 * 30, 0, 100);
        Instant issued = Instant.parse("2016-10-29T12:00:00Z");

        Forecast f = parkgrid.forecast(LotHistory.of(full, Series.LONDON), issued, issued.plusSeconds(3600))
                .orElseThrow();
        Forecast e = parkgrid.forecast(LotHistory.of(empty, Series.LONDON), issued, issued.plusSeconds(3600))
                .orElseThrow();

        assertThat(f.expectedOccupied()).isEqualTo(100);
        assertThat(f.probabilityFree()).isZero();
        assertThat(e.probabilityFree()).isEqualTo(1.0);
    }

    /**
     * On a series whose days run busier or quieter than usual as a whole, parkgrid learns to carry
     * the morning's deviation into the afternoon: it beats Liipi's method, and its 80% intervals
     * hold roughly 80% of the actual values.
     */
    @Test
    void learnsADeviationThatPersistsAndCalibratesItsIntervals() {
        Map<String, List<Observation>> lots = Map.of(
                "a", Series.carPark(LocalDate.parse("2016-09-05"), 63, 500, 1, Series.LONDON),
                "b", Series.carPark(LocalDate.parse("2016-09-05"), 63, 800, 2, Series.LONDON));
        Summary summary = new Summary();
        Backtest.run(
                new java.util.TreeMap<>(lots),
                List.of(parkgrid, Forecasters.named("relativized-average"), Forecasters.named("historical-average")),
                new Backtest.Options(LocalDate.parse("2016-10-24"), null, List.of(60, 240), Series.LONDON),
                summary);

        for (int h : new int[] {60, 240}) {
            Summary.Row own = summary.row("parkgrid", h);
            assertThat(own.maeSpaces())
                    .isLessThan(summary.row("relativized-average", h).maeSpaces());
            assertThat(own.maeSpaces())
                    .isLessThan(summary.row("historical-average", h).maeSpaces());
            assertThat(own.intervalCoverage()).isBetween(0.7, 0.9);
        }
    }
}
