package city.parkgrid.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ObservationsTest {

    private static final Instant T = Instant.parse("2016-11-01T08:00:00Z");

    private static Observation at(int minutes, int occupied, int capacity) {
        return new Observation(T.plusSeconds(60L * minutes), occupied, capacity);
    }

    @Test
    void sortsAndDropsExactDuplicates() {
        List<Observation> clean =
                Observations.clean(List.of(at(60, 30, 100), at(0, 10, 100), at(30, 20, 100), at(0, 10, 100)));

        assertThat(clean).containsExactly(at(0, 10, 100), at(30, 20, 100), at(60, 30, 100));
    }

    @Test
    void ofTwoReadingsAtTheSameInstantTheLastGivenWins() {
        List<Observation> clean = Observations.clean(List.of(at(30, 25, 100), at(0, 10, 100), at(30, 27, 100)));

        assertThat(clean).containsExactly(at(0, 10, 100), at(30, 27, 100));
    }

    @Test
    void clampsCountsAboveCapacityAndBelowZero() {
        List<Observation> clean = Observations.clean(List.of(at(0, -3, 100), at(30, 104, 100), at(60, 100, 100)));

        assertThat(clean).extracting(Observation::occupied).containsExactly(0, 100, 100);
    }

    @Test
    void dropsReadingsWithoutCapacityAndKeepsGapsAndIrregularSteps() {
        List<Observation> clean = Observations.clean(List.of(
                at(0, 5, 100), at(7, 6, 0), at(13, 7, 100), at(2 * 24 * 60, 8, 100), at(2 * 24 * 60 + 1, 9, 100)));

        assertThat(clean)
                .containsExactly(at(0, 5, 100), at(13, 7, 100), at(2 * 24 * 60, 8, 100), at(2 * 24 * 60 + 1, 9, 100));
    }

    @Test
    void theIndexedHistoryIsTheCleanedOne() {
        LotHistory history = LotHistory.of(List.of(at(30, 120, 100), at(0, -1, 100), at(0, 4, 100)), Series.LONDON);

        assertThat(history.size()).isEqualTo(2);
        assertThat(history.occupied(0)).isEqualTo(4);
        assertThat(history.occupied(1)).isEqualTo(100);
        assertThat(history.upTo(T.plusSeconds(29 * 60)).size()).isEqualTo(1);
        assertThat(history.upTo(T.minusSeconds(1)).isEmpty()).isTrue();
    }
}
