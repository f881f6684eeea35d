package city.parkgrid.occupancy.memory;

import static org.assertj.core.api.Assertions.assertThat;

import city.parkgrid.occupancy.Hold;
import city.parkgrid.occupancy.OccupancyStore;
import city.parkgrid.occupancy.OccupancyStoreContract;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class InMemoryOccupancyStoreTest extends OccupancyStoreContract {

    @Override
    protected OccupancyStore newStore() {
        return new InMemoryOccupancyStore(SETTINGS);
    }

    /**
     * The pointer is a lease measured on the store's own clock, as Redis measures its PX, so the
     * contract cannot move it on; RedisOccupancyStoreIT checks the TTL the script sets.
     */
    @Test
    void aPlatesHoldPointerLapsesAfterTheHoldsExpiryPlusItsRetention() {
        AtomicLong nanos = new AtomicLong();
        OccupancyStore leased = new InMemoryOccupancyStore(SETTINGS, nanos::get);
        Duration lifetime = Hold.plateHoldLifetime(T0.plus(Duration.ofMinutes(15)), T0);
        assertThat(lifetime).isEqualTo(Duration.ofMinutes(15).plus(Hold.RETENTION_AFTER_END));
        join(leased.swapPlateHold("沪A10001", "a.aaaaaaaaaaaaaaaa", T0.plus(Duration.ofMinutes(15)), T0));
        nanos.set(lifetime.toNanos() - 1);
        assertThat(join(leased.findPlateHold("沪A10001"))).contains("a.aaaaaaaaaaaaaaaa");
        nanos.set(lifetime.toNanos());
        assertThat(join(leased.findPlateHold("沪A10001"))).isEmpty();
        assertThat(join(leased.swapPlateHold("沪A10001", "b.bbbbbbbbbbbbbbbb", T0.plus(Duration.ofMinutes(15)), T0)))
                .as("a lapsed pointer replaces nothing")
                .isEmpty();
        nanos.addAndGet(lifetime.toNanos());
        join(leased.clearPlateHold("沪A10001", "b.bbbbbbbbbbbbbbbb"));
        assertThat(join(leased.swapPlateHold("沪A10001", "c.cccccccccccccccc", T0.plus(Duration.ofMinutes(15)), T0)))
                .isEmpty();
    }
}
