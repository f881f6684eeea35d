package city.parkgrid.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each baseline on a hand-made series whose answer can be worked out by hand. */
class BaselinesTest {

    private static final ZoneId UTC = ZoneOffset.UTC;
    private static final Duration WEEK = Duration.ofDays(7);
    /** A Tuesday noon; the forecasts are issued here. */
    private static final Instant NOW = Instant.parse("2016-11-29T12:00:00Z");

    private static final Instant TARGET = NOW.plus(Duration.ofHours(2));

    private static double expected(String method, List<Observation> observations, Instant target) {
        return Forecasters.named(method)
                .forecast(LotHistory.of(observations, UTC), NOW, target)
                .orElseThrow()
                .expectedOccupied();
    }

    @Test
    void persistenceIsTheLastValueHoweverOld() {
        List<Observation> obs = List.of(
                new Observation(NOW.minus(Duration.ofDays(2)), 10, 100),
                new Observation(NOW.minus(Duration.ofHours(20)), 42, 100),
                new Observation(NOW.plusSeconds(60), 99, 100)); // after the issue: never seen

        assertThat(expected("persistence", obs, TARGET)).isEqualTo(42);
    }

    @Test
    void seasonalNaiveIsTheReadingNearestTheSameTimeAWeekBefore() {
        List<Observation> obs = new ArrayList<>();
        obs.add(new Observation(TARGET.minus(WEEK).minusSeconds(40 * 60), 11, 100));
        obs.add(new Observation(TARGET.minus(WEEK).plusSeconds(10 * 60), 77, 100)); // nearest
        obs.add(new Observation(TARGET.minus(WEEK).plusSeconds(30 * 60), 12, 100));
        obs.add(new Observation(TARGET.minus(WEEK.multipliedBy(2)), 50, 100)); // two weeks: not used
        obs.add(new Observation(NOW.minusSeconds(60), 30, 100));

        assertThat(expected("seasonal-naive", obs, TARGET)).isEqualTo(77);
    }

    @Test
    void seasonalNaiveWithoutAReadingThatWeekFallsBackToTheLastValue() {
        List<Observation> obs = List.of(
                new Observation(TARGET.minus(WEEK).minus(Duration.ofHours(3)), 77, 100),
                new Observation(NOW.minusSeconds(60), 30, 100));

        assertThat(expected("seasonal-naive", obs, TARGET)).isEqualTo(30);
    }

    @Test
    void seasonalNaiveKeepsTheWallClockAcrossADaylightSavingChange() {
        ZoneId london = ZoneId.of("Europe/London");
        // Clocks went back on Sunday 2016-10-30: 09:00 local on the 2nd is 09:00 UTC, a week before 08:00 UTC.
        Instant now = LocalDateTime.parse("2016-11-02T08:00").atZone(london).toInstant();
        Instant target = LocalDateTime.parse("2016-11-02T09:00").atZone(london).toInstant();
        List<Observation> obs = List.of(
                new Observation(
                        LocalDateTime.parse("2016-10-26T09:00").atZone(london).toInstant(), 60, 100),
                new Observation(
                        LocalDateTime.parse("2016-10-26T10:00").atZone(london).toInstant(), 90, 100),
                new Observation(now, 20, 100));

        double forecast = Forecasters.named("seasonal-naive")
                .forecast(LotHistory.of(obs, london), now, target)
                .orElseThrow()
                .expectedOccupied();

        assertThat(forecast).isEqualTo(60);
    }

    @Test
    void historicalAverageIsTheMeanOfTheSameWeekdayAndTimeOverFourWeeks() {
        List<Observation> obs = new ArrayList<>();
        int[] weekly = {10, 20, 30, 40, 1000}; // 1..5 weeks before: the fifth is too old
        for (int k = 1; k <= 5; k++) {
            obs.add(new Observation(TARGET.minus(WEEK.multipliedBy(k)).plusSeconds(5 * 60), weekly[k - 1], 2000));
            obs.add(new Observation(TARGET.minus(WEEK.multipliedBy(k)).plus(Duration.ofHours(2)), 500, 2000));
        }
        obs.add(new Observation(NOW, 300, 2000));

        assertThat(expected("historical-average", obs, TARGET)).isEqualTo(25);
    }

    @Test
    void historicalAverageLeavesOutAWeekWithoutData() {
        List<Observation> obs = new ArrayList<>();
        obs.add(new Observation(TARGET.minus(WEEK.multipliedBy(1)), 10, 100));
        obs.add(new Observation(TARGET.minus(WEEK.multipliedBy(3)), 40, 100));
        obs.add(new Observation(NOW, 70, 100));

        assertThat(expected("historical-average", obs, TARGET)).isEqualTo(25);
    }

    /**
     * Liipi's method: now (the last reading) 50; the previous three weeks read 10, 20, 30 at now's
     * time of week and 16, 22, 39 at the target's, so changes of 6, 2 and 9 average 17/3.
     */
    @Test
    void relativizedAverageIsNowPlusTheMeanChangeOverTheSameIntervalInThreePreviousWeeks() {
        List<Observation> obs = relativizedWeeks(200);

        assertThat(expected("relativized-average", obs, TARGET)).isCloseTo(50 + 17.0 / 3, within(1e-9));
    }

    @Test
    void relativizedAverageIsClampedToCapacity() {
        List<Observation> obs = relativizedWeeks(52);

        assertThat(expected("relativized-average", obs, TARGET)).isEqualTo(52);
    }

    @Test
    void relativizedAverageLeavesOutAWeekWithoutAReference() {
        List<Observation> obs = new ArrayList<>(relativizedWeeks(200));
        obs.removeIf(o -> o.at().equals(NOW.minus(WEEK.multipliedBy(2))));

        assertThat(expected("relativized-average", obs, TARGET)).isCloseTo(50 + 15.0 / 2, within(1e-9));
    }

    private static List<Observation> relativizedWeeks(int capacity) {
        int[] atNow = {10, 20, 30};
        int[] atTarget = {16, 22, 39};
        List<Observation> obs = new ArrayList<>();
        for (int k = 1; k <= 3; k++) {
            obs.add(new Observation(NOW.minus(WEEK.multipliedBy(k)), atNow[k - 1], capacity));
            obs.add(new Observation(TARGET.minus(WEEK.multipliedBy(k)), atTarget[k - 1], capacity));
        }
        // The fourth week back changed by 100: Liipi looks back three weeks only.
        obs.add(new Observation(NOW.minus(WEEK.multipliedBy(4)), 0, capacity));
        obs.add(new Observation(TARGET.minus(WEEK.multipliedBy(4)), 100, capacity));
        obs.add(new Observation(NOW.minus(Duration.ofMinutes(30)), 45, capacity));
        obs.add(new Observation(NOW, 50, capacity));
        return obs;
    }

    @Test
    void everyMethodIsClampedAndOrdersItsInterval() {
        List<Observation> obs = Series.carPark(java.time.LocalDate.parse("2016-10-03"), 35, 300, 7, UTC);
        LotHistory history = LotHistory.of(obs, UTC);
        Instant issued = Instant.parse("2016-11-04T10:00:00Z");
        for (Forecaster f : Forecasters.all()) {
            for (int minutes : new int[] {0, 30, 240, 1440}) {
                Forecast forecast = f.forecast(history, issued, issued.plusSeconds(60L * minutes))
                        .orElseThrow();
                assertThat(forecast.method()).isEqualTo(f.name());
                assertThat(forecast.low()).isBetween(0.0, forecast.expectedOccupied());
                assertThat(forecast.high()).isBetween(forecast.expectedOccupied(), 300.0);
                assertThat(forecast.probabilityFree()).isBetween(0.0, 1.0);
                assertThat(forecast.capacity()).isEqualTo(300);
            }
        }
    }
}
