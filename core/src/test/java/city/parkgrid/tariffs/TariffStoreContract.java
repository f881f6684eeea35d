package city.parkgrid.tariffs;

import static org.assertj.core.api.Assertions.assertThat;

import city.parkgrid.dataset.GeoJsonDataSetReader;
import city.parkgrid.lots.Lot;
import city.parkgrid.money.Money;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What every TariffStore does, held alike for the in-memory and the PostgreSQL one. */
public abstract class TariffStoreContract {

    /** A fresh, empty store in which {@code lots} exist. */
    protected abstract TariffStore newStore(List<Lot> lots);

    private static Tariff tariff(int dayRateFen) {
        return new Tariff(
                15,
                60,
                Money.ofFen(dayRateFen),
                Money.ofFen(500),
                LocalTime.of(8, 0),
                LocalTime.of(20, 0),
                Money.ofFen(6_000),
                10);
    }

    @Test
    void findTariffsHasEachAskedLotWithATariffAndTheLatestOfEach() {
        List<Lot> lots = GeoJsonDataSetReader.wujiaochang().lots().subList(0, 3);
        TariffStore store = newStore(lots);
        List<String> ids = lots.stream().map(Lot::id).toList();
        assertThat(store.findTariffs(ids)).isEmpty();
        store.putTariff(lots.get(0).id(), tariff(1_000));
        store.putTariff(lots.get(1).id(), tariff(800));
        store.putTariff(lots.get(0).id(), tariff(1_200));
        assertThat(store.findTariffs(List.of(lots.get(1).id(), lots.get(2).id())))
                .isEqualTo(Map.of(lots.get(1).id(), tariff(800)));
        assertThat(store.findTariffs(ids))
                .isEqualTo(Map.of(lots.get(0).id(), tariff(1_200), lots.get(1).id(), tariff(800)));
        assertThat(store.findTariff(lots.get(0).id())).contains(tariff(1_200));
        assertThat(store.findTariff(lots.get(2).id())).isEmpty();
    }
}
