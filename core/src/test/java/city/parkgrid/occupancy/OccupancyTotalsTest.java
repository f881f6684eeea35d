package city.parkgrid.occupancy;

import static org.assertj.core.api.Assertions.assertThat;

import city.parkgrid.geo.GeoPoint;
import city.parkgrid.lots.Lot;
import city.parkgrid.lots.LotKind;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OccupancyTotalsTest {

    private static final Instant T0 = Instant.parse("2026-11-28T06:00:00Z");

    private static Lot lot(String id, int capacity) {
        return new Lot(id, "停车场", "Car park", "op-x", null, LotKind.values()[0], GeoPoint.of(31.3, 121.5), capacity);
    }

    private static LotOccupancy state(Lot lot, int occupied, int held) {
        return new LotOccupancy(lot.id(), lot.capacity(), occupied, held, 0, false, T0, T0, 1);
    }

    @Test
    void lotsNearIntegerMaxDoNotWrapTheSumsNegative() {
        Lot a = lot("a", Integer.MAX_VALUE);
        Lot b = lot("b", Integer.MAX_VALUE);
        Lot c = lot("c", Integer.MAX_VALUE - 1);
        Map<String, LotOccupancy> states = Map.of(
                "a", state(a, Integer.MAX_VALUE, 0),
                "b", state(b, Integer.MAX_VALUE - 10, 5),
                "c", state(c, 0, Integer.MAX_VALUE - 1));

        OccupancyTotals totals = OccupancyTotals.of(List.of(a, b, c), states);

        long max = Integer.MAX_VALUE;
        assertThat(totals.lots()).isEqualTo(3);
        assertThat(totals.capacity()).isEqualTo(3 * max - 1);
        assertThat(totals.occupied()).isEqualTo(2 * max - 10).isPositive();
        assertThat(totals.held()).isEqualTo(max - 1 + 5).isPositive();
        assertThat(totals.free()).isEqualTo(5);
    }

    @Test
    void aLotOfUnknownStateIsLeftOutOfTheSumsAndCountedNeverAsEmpty() {
        Lot a = lot("a", 100);
        Lot b = lot("b", 40);
        OccupancyTotals totals = OccupancyTotals.of(List.of(a, b), Map.of("a", state(a, 30, 2)));
        assertThat(totals.lots()).isEqualTo(2);
        assertThat(totals.unknownLots()).isEqualTo(1);
        assertThat(totals.partial()).isTrue();
        assertThat(totals.capacity()).as("b's capacity is not counted as free").isEqualTo(100);
        assertThat(totals.occupied()).isEqualTo(30);
        assertThat(totals.held()).isEqualTo(2);
        assertThat(totals.free()).isEqualTo(68);
        assertThat(OccupancyTotals.of(List.of(a), Map.of("a", state(a, 30, 2))).partial())
                .isFalse();
    }
}
