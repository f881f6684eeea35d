package city.parkgrid.occupancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import city.parkgrid.catalog.Geography;
import city.parkgrid.dataset.GeoJsonDataSetReader;
import city.parkgrid.occupancy.memory.InMemoryOccupancyStore;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Writes to a lot the store lost are taken after registering it again; lost state reads as none. */
class SelfRegisteringOccupancyStoreTest {

    private static final Instant NOW = Instant.parse("2026-05-04T02:00:00Z");

    private final InMemoryOccupancyStore empty = new InMemoryOccupancyStore(OccupancySettings.DEFAULTS);
    private boolean intact = true;
    private final SelfRegisteringOccupancyStore store =
            new SelfRegisteringOccupancyStore(withEpoch(empty), new Geography(GeoJsonDataSetReader.wujiaochang()));

    @Test
    void aGateEventForALotTheStoreLostRegistersItFromTheCatalogAndIsApplied() {
        IngestionResult result = store.applyGateEvents(
                        "wanda-plaza", List.of(new GateEvent("e1", GateEventType.ENTRY, "沪A10001", NOW, "g1")), NOW)
                .toCompletableFuture()
                .join();
        assertThat(result.occupancy().occupied()).isEqualTo(1);
        assertThat(result.occupancy().capacity()).as("the catalog's capacity").isEqualTo(1500);
    }

    @Test
    void aSnapshotAndAConfigurationAreTakenToo() {
        assertThat(store.applySnapshot("wanda-plaza", 700, NOW, NOW)
                        .toCompletableFuture()
                        .join()
                        .occupancy()
                        .occupied())
                .isEqualTo(700);
        assertThat(store.configureLot("wanda-plaza-office", true, 0, NOW)
                        .toCompletableFuture()
                        .join()
                        .status())
                .isEqualTo(LotStatus.CLOSED);
    }

    @Test
    void aLotOutsideTheCatalogStaysUnregistered() {
        assertThatThrownBy(() -> store.applySnapshot("no-such-lot", 1, NOW, NOW)
                        .toCompletableFuture()
                        .join())
                .hasCauseInstanceOf(UnregisteredLotException.class);
    }

    @Test
    void whileTheEpochIsMissingNoLotsStateIsKnown() {
        store.applySnapshot("wanda-plaza", 700, NOW, NOW).toCompletableFuture().join();
        assertThat(store.findOccupancy("wanda-plaza").toCompletableFuture().join())
                .isPresent();
        intact = false;
        assertThat(store.findOccupancy("wanda-plaza").toCompletableFuture().join())
                .isEmpty();
        assertThat(store.listOccupancy(Set.of("wanda-plaza"))
                        .toCompletableFuture()
                        .join())
                .isEmpty();
    }

    /** The store in memory, with an epoch the test can lose. */
    private OccupancyStore withEpoch(OccupancyStore delegate) {
        return (OccupancyStore) Proxy.newProxyInstance(
                OccupancyStore.class.getClassLoader(),
                new Class<?>[] {OccupancyStore.class},
                (proxy, method, args) -> method.getName().equals("registrationsIntact")
                        ? CompletableFuture.completedFuture(intact)
                        : method.invoke(delegate, args));
    }
}
