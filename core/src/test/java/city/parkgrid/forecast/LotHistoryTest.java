package city.parkgrid.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LotHistoryTest {

    private final List<Observation> all = Series.carPark(LocalDate.parse("2016-10-03"), 42, 400, 3, Series.LONDON);

    private static final Instant SPLIT =
            LocalDateTime.parse("2016-11-09T11:45:00").atZone(Series.LONDON).toInstant();

    private List<Observation> until(Instant t) {
        return all.stream().filter(o -> !o.at().isAfter(t)).toList();
    }

    private List<Observation> after(Instant t) {
        return all.stream().filter(o -> o.at().isAfter(t)).toList();
    }

    private static List<Instant> issues() {
        List<Instant> out = new ArrayList<>();
        for (int minutes : new int[] {-26 * 60, -90, 0, 40, 5 * 60, 24 * 60, 2 * 24 * 60 + 17}) {
            out.add(SPLIT.plus(Duration.ofMinutes(minutes)));
        }
        return out;
    }

    /** Every forecast from a history fed later readings equals the one from a history built at once. */
    private static void assertSameForecasts(LotHistory fed, LotHistory built) {
        for (Forecaster method : Forecasters.all()) {
            for (Instant issued : issues()) {
                for (int minutes : new int[] {30, 240, 1440}) {
                    Instant target = issued.plus(Duration.ofMinutes(minutes));
                    assertThat(fed.upTo(issued).size())
                            .isEqualTo(built.upTo(issued).size());
                    assertThat(method.forecast(fed, issued, target))
                            .as("%s issued %s for %s", method.name(), issued, target)
                            .isEqualTo(method.forecast(built, issued, target))
                            .isPresent();
                }
            }
        }
    }

    @Test
    void laterReadingsKeepWhatWasLearntAndChangeNoForecast() {
        LotHistory early = LotHistory.of(until(SPLIT), Series.LONDON);
        // Learn first (fills the memo), as a service would have before the new readings came.
        for (Forecaster method : Forecasters.all()) {
            method.forecast(early, SPLIT, SPLIT.plus(Duration.ofHours(2))).orElseThrow();
            method.forecast(early, SPLIT.minus(Duration.ofDays(1)), SPLIT).orElseThrow();
        }

        LotHistory fed = early;
        for (Observation o : after(SPLIT)) {
            fed = fed.withLater(List.of(o)); // one reading at a time, as they arrive
        }

        assertThat(fed.size()).isEqualTo(all.size());
        assertSameForecasts(fed, LotHistory.of(all, Series.LONDON));
    }

    @Test
    void feedingOneHistoryTwoDifferentFuturesKeepsThemApart() {
        LotHistory held = LotHistory.of(until(SPLIT), Series.LONDON);
        for (Forecaster method : Forecasters.all()) {
            method.forecast(held, SPLIT, SPLIT.plus(Duration.ofHours(2))).orElseThrow(); // learnt before the fork
        }
        List<Observation> rest = after(SPLIT);
        List<Observation> other = rest.stream()
                .map(o -> new Observation(o.at(), Math.max(0, 400 - o.occupied()), 400))
                .toList();

        LotHistory first = held;
        for (Observation o : rest) {
            first = first.withLater(List.of(o));
            for (Forecaster method : Forecasters.all()) {
                method.forecast(first, o.at(), o.at().plusSeconds(1800)); // learn on this branch
            }
        }
        LotHistory second = held.withLater(other);

        List<Observation> expected = new ArrayList<>(until(SPLIT));
        expected.addAll(other);
        assertSameForecasts(second, LotHistory.of(expected, Series.LONDON));
        assertSameForecasts(first, LotHistory.of(all, Series.LONDON));
    }

    @Test
    void aLateReadingRebuildsTheHistory() {
        LotHistory held = LotHistory.of(until(SPLIT.plus(Duration.ofDays(1))), Series.LONDON);
        Observation late = new Observation(SPLIT.plus(Duration.ofMinutes(7)), 123, 400);

        LotHistory fed = held.withLater(List.of(late));

        List<Observation> expected = new ArrayList<>(until(SPLIT.plus(Duration.ofDays(1))));
        expected.add(late);
        assertThat(fed.size()).isEqualTo(held.size() + 1);
        assertSameForecasts(fed, LotHistory.of(expected, Series.LONDON));
    }

    @Test
    void aCutViewHasOnlyItsReadingsAndFeedingItRebuildsFromThem() {
        LotHistory whole = LotHistory.of(all, Series.LONDON);
        LotHistory cut = whole.upTo(SPLIT);

        LotHistory fed = cut.withLater(after(SPLIT));

        assertThat(cut.size()).isEqualTo(until(SPLIT).size());
        assertSameForecasts(fed, whole);
    }
}
