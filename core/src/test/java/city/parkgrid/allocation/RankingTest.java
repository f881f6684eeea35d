package city.parkgrid.allocation;

import static org.assertj.core.api.Assertions.assertThat;

import city.parkgrid.catalog.GeoIndex;
import city.parkgrid.dataset.GeoJsonDataSetReader;
import city.parkgrid.geo.GeoPoint;
import city.parkgrid.lots.Lot;
import city.parkgrid.money.Money;
import city.parkgrid.occupancy.LotOccupancy;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The ranking's behaviour, pinned on lots of the Wujiaochang data set. */
class RankingTest {

    private static final GeoIndex WUJIAOCHANG = GeoIndex.of(GeoJsonDataSetReader.wujiaochang());
    private static final Lot WANDA = WUJIAOCHANG.findLot("wanda-plaza").orElseThrow();
    private static final Lot HOPSON = WUJIAOCHANG.findLot("hopson-one").orElseThrow();

    private static LotOccupancy filled(Lot lot, double ratio) {
        return new LotOccupancy(
                lot.id(),
                lot.capacity(),
                (int) Math.round(lot.capacity() * ratio),
                0,
                0,
                false,
                Instant.EPOCH,
                Instant.EPOCH,
                1);
    }

    private static List<String> order(Candidate... candidates) {
        return Ranking.rank(List.of(candidates), RankingWeights.DEFAULTS).stream()
                .map(o -> o.candidate().lot().id())
                .toList();
    }

    @Test
    void aMallNinetyPercentFullLosesToOneAHundredAndFiftyMetresFurtherAtForty() {
        Candidate nearButFull = new Candidate(WANDA, filled(WANDA, 0.90), 120, null, null);
        Candidate furtherButEmptier = new Candidate(HOPSON, filled(HOPSON, 0.40), 270, null, null);
        assertThat(order(nearButFull, furtherButEmptier)).containsExactly("hopson-one", "wanda-plaza");
    }

    @Test
    void spacesTheBureauReservesCountAsTaken() {
        LotOccupancy halfReserved = new LotOccupancy(
                WANDA.id(),
                WANDA.capacity(),
                (int) (WANDA.capacity() * 0.5),
                0,
                (int) (WANDA.capacity() * 0.4),
                false,
                Instant.EPOCH,
                Instant.EPOCH,
                1);
        Candidate nearButReserved = new Candidate(WANDA, halfReserved, 120, null, null);
        Candidate furtherButEmptier = new Candidate(HOPSON, filled(HOPSON, 0.40), 270, null, null);
        assertThat(order(nearButReserved, furtherButEmptier))
                .as("as the 90%-full mall")
                .containsExactly("hopson-one", "wanda-plaza");
        assertThat(Ranking.rank(List.of(nearButReserved, furtherButEmptier), RankingWeights.DEFAULTS, 0.85)
                        .get(0)
                        .candidate()
                        .lot()
                        .id())
                .as("under a MANAGED target")
                .isEqualTo("hopson-one");
    }

    @Test
    void atEqualFillTheNearerLotWins() {
        Candidate near = new Candidate(HOPSON, filled(HOPSON, 0.5), 100, null, null);
        Candidate far = new Candidate(WANDA, filled(WANDA, 0.5), 400, null, null);
        assertThat(order(far, near)).containsExactly("hopson-one", "wanda-plaza");
    }

    @Test
    void aLittleMoreWalkingIsNotWorthItWhileBothLotsAreHalfEmpty() {
        Candidate near = new Candidate(WANDA, filled(WANDA, 0.50), 100, null, null);
        Candidate farEmpty = new Candidate(HOPSON, filled(HOPSON, 0.10), 250, null, null);
        assertThat(order(farEmpty, near)).containsExactly("wanda-plaza", "hopson-one");
    }

    @Test
    void drivingFurtherCountsWhenTheDriversPositionIsKnown() {
        Candidate onTheWay = new Candidate(WANDA, filled(WANDA, 0.3), 300, 800.0, null);
        Candidate acrossTown = new Candidate(HOPSON, filled(HOPSON, 0.3), 200, 4_000.0, null);
        assertThat(order(acrossTown, onTheWay)).containsExactly("wanda-plaza", "hopson-one");
    }

    @Test
    void aKnownFeeCounts() {
        Candidate cheap = new Candidate(WANDA, filled(WANDA, 0.3), 300, null, Money.ofFen(500));
        Candidate dear = new Candidate(HOPSON, filled(HOPSON, 0.3), 250, null, Money.ofFen(1_500));
        assertThat(order(dear, cheap)).containsExactly("wanda-plaza", "hopson-one");
    }

    @Test
    void tiesGoToTheSmallerIdWhateverTheInputOrder() {
        Candidate a = new Candidate(HOPSON, filled(HOPSON, 0.3), 200, null, null);
        Candidate b = new Candidate(
                WANDA,
                new LotOccupancy(
                        WANDA.id(),
                        HOPSON.capacity(),
                        a.occupancy().occupied(),
                        0,
                        0,
                        false,
                        Instant.EPOCH,
                        Instant.EPOCH,
                        1),
                200,
                null,
                null);
        assertThat(order(a, b)).containsExactly("hopson-one", "wanda-plaza");
        assertThat(order(b, a)).containsExactly("hopson-one", "wanda-plaza");
    }

    @Test
    void costGrowsWithFillAndWithWalking() {
        double previous = -1;
        for (double fill = 0; fill <= 1.0; fill += 0.1) {
            double cost =
                    Ranking.cost(new Candidate(WANDA, filled(WANDA, fill), 200, null, null), RankingWeights.DEFAULTS);
            assertThat(cost).isGreaterThan(previous);
            previous = cost;
        }
        assertThat(Ranking.cost(new Candidate(WANDA, filled(WANDA, 0.5), 300, null, null), RankingWeights.DEFAULTS))
                .isGreaterThan(Ranking.cost(
                        new Candidate(WANDA, filled(WANDA, 0.5), 299, null, null), RankingWeights.DEFAULTS));
    }

    @Test
    void theDataSetsTwoBigMallsAreWithinWalkingDistanceOfTheJunction() {
        GeoPoint junction = GeoPoint.of(31.2995, 121.5140);
        assertThat(junction.metresTo(WANDA.entrance())).isLessThan(800);
        assertThat(junction.metresTo(HOPSON.entrance())).isLessThan(800);
    }
}
