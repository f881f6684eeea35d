package city.parkgrid.occupancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import city.parkgrid.InvalidInputException;
import city.parkgrid.geo.GeoPoint;
import city.parkgrid.lots.Lot;
import city.parkgrid.lots.LotKind;
import city.parkgrid.occupancy.memory.InMemoryOccupancyStore;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The bound a sensor snapshot must keep: capacity plus an overflow margin of max(50, capacity/2). */
class OccupancyServiceSnapshotTest {

    private static final Instant NOW = Instant.parse("2026-11-28T06:00:00Z");

    private final Lot small = lot("small", 20);
    private final Lot large = lot("large", 400);
    private InMemoryOccupancyStore store;
    private OccupancyService occupancy;

    private static Lot lot(String id, int capacity) {
        return new Lot(id, "停车场", "Car park", "op-x", null, LotKind.values()[0], GeoPoint.of(31.3, 121.5), capacity);
    }

    private static <T> T join(java.util.concurrent.CompletionStage<T> stage) {
        return stage.toCompletableFuture().join();
    }

    @BeforeEach
    void setUp() {
        store = new InMemoryOccupancyStore(OccupancySettings.DEFAULTS);
        occupancy = new OccupancyService(store, OccupancySettings.DEFAULTS);
        join(occupancy.registerLots(List.of(small, large), NOW));
    }

    private int occupied(Lot lot) {
        return join(occupancy.findOccupancy(lot.id())).orElseThrow().occupied();
    }

    @Test
    void theMarginIsFiftyCarsOrHalfTheCapacityWhicheverIsMore() {
        assertThat(OccupancyService.maxSnapshot(0)).isEqualTo(50);
        assertThat(OccupancyService.maxSnapshot(20)).isEqualTo(70);
        assertThat(OccupancyService.maxSnapshot(400)).isEqualTo(600);
        assertThat(OccupancyService.maxSnapshot(Integer.MAX_VALUE)).isGreaterThan(Integer.MAX_VALUE);
    }

    @Test
    void aCountUpToTheMarginIsApplied() {
        assertThat(join(occupancy.applySnapshot(small, 70, NOW, NOW)).applied()).isTrue();
        assertThat(occupied(small)).isEqualTo(70);
        assertThat(join(occupancy.applySnapshot(large, 600, NOW, NOW)).applied())
                .isTrue();
        assertThat(occupied(large)).isEqualTo(600);
    }

    @Test
    void aCountBeyondTheMarginIsRefusedNamingOccupiedAndChangesNothing() {
        join(occupancy.applySnapshot(large, 12, NOW.minusSeconds(60), NOW));
        assertThatThrownBy(() -> occupancy.applySnapshot(small, 71, NOW, NOW))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("occupied"))
                .hasMessageContaining("at most 70");
        assertThatThrownBy(() -> occupancy.applySnapshot(large, 2_000_000_000, NOW, NOW))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("occupied"));
        assertThat(occupied(small)).isZero();
        assertThat(occupied(large)).isEqualTo(12);
    }
}
