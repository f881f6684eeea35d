package city.parkgrid.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Changing or adding any value after a time T leaves every forecast issued at or before T
 * unchanged, for every method: the forecasters cut the history at the issue time themselves, and
 * nothing they memoise reaches past it.
 */
class NoLookAheadTest {

    private static final Instant T =
            LocalDateTime.parse("2016-11-10T12:10:00").atZone(Series.LONDON).toInstant();

    private final List<Observation> original =
            Series.carPark(LocalDate.parse("2016-10-03"), 49, 400, 11, Series.LONDON);

    /** The same series, every value after T replaced and more readings added after T. */
    private List<Observation> rewrittenAfterT() {
        Random random = new Random(5);
        List<Observation> changed = new ArrayList<>();
        for (Observation o : original) {
            changed.add(o.at().isAfter(T) ? new Observation(o.at(), random.nextInt(450) - 20, o.capacity()) : o);
        }
        for (int i = 1; i <= 200; i++) {
            changed.add(new Observation(T.plusSeconds(97L * i), random.nextInt(400), 400));
        }
        changed.add(new Observation(T.plusNanos(1), 0, 400)); // the very next instant
        return changed;
    }

    private static List<Instant> issueTimes() {
        List<Instant> times = new ArrayList<>();
        times.add(T);
        for (int minutes : new int[] {1, 29, 30, 95, 6 * 60, 20 * 60, 3 * 24 * 60, 8 * 24 * 60}) {
            times.add(T.minus(Duration.ofMinutes(minutes)));
        }
        return times;
    }

    @Test
    void forecastsIssuedAtOrBeforeTIgnoreEverythingAfterIt() {
        LotHistory before = LotHistory.of(original, Series.LONDON);
        LotHistory after = LotHistory.of(rewrittenAfterT(), Series.LONDON);
        int compared = 0;
        for (Forecaster method : Forecasters.all()) {
            for (Instant issued : issueTimes()) {
                for (int minutes : new int[] {0, 15, 30, 60, 120, 240, 600, 1440}) {
                    Instant target = issued.plus(Duration.ofMinutes(minutes));
                    Optional<Forecast> a = method.forecast(before, issued, target);
                    Optional<Forecast> b = method.forecast(after, issued, target);
                    assertThat(b)
                            .as("%s issued %s for %s", method.name(), issued, target)
                            .isEqualTo(a)
                            .isPresent();
                    compared++;
                }
            }
        }
        assertThat(compared).isEqualTo(5 * 9 * 8);
    }

    @Test
    void aForecastFromTheWholeHistoryEqualsOneFromOnlyTheDataUpToItsIssue() {
        LotHistory whole = LotHistory.of(original, Series.LONDON);
        for (Forecaster method : Forecasters.all()) {
            for (Instant issued : issueTimes()) {
                List<Observation> known =
                        original.stream().filter(o -> !o.at().isAfter(issued)).toList();
                LotHistory past = LotHistory.of(known, Series.LONDON);
                Instant target = issued.plus(Duration.ofMinutes(90));
                assertThat(method.forecast(whole, issued, target))
                        .as("%s issued %s", method.name(), issued)
                        .isEqualTo(method.forecast(past, issued, target));
            }
        }
    }

    @Test
    void theRewrittenFutureDoesChangeForecastsIssuedAfterT() {
        // The guard that the test above compares something: the same methods do see data after T
        // (eight days later, so that even "a week before the target" lies after T).
        LotHistory before = LotHistory.of(original, Series.LONDON);
        LotHistory after = LotHistory.of(rewrittenAfterT(), Series.LONDON);
        Instant issued = T.plus(Duration.ofDays(8));
        for (Forecaster method : Forecasters.all()) {
            assertThat(method.forecast(after, issued, issued.plus(Duration.ofMinutes(30))))
                    .as(method.name())
                    .isNotEqualTo(method.forecast(before, issued, issued.plus(Duration.ofMinutes(30))));
        }
    }
}
