package city.parkgrid.tariffs;

import static org.assertj.core.api.Assertions.assertThat;

import city.parkgrid.dataset.GeoJsonDataSetReader;
import city.parkgrid.lots.Lot;
import city.parkgrid.money.Money;
import java.time.Instant;
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
        Instant now = Instant.now();
        assertThat(store.findTariffs(ids, now)).isEmpty();
        store.putTariff(lots.get(0).id(), tariff(1_000));
        store.putTariff(lots.get(1).id(), tariff(800));
        store.putTariff(lots.get(0).id(), tariff(1_200));
        assertThat(store.findTariffs(List.of(lots.get(1).id(), lots.get(2).id()), now))
                .isEqualTo(Map.of(lots.get(1).id(), tariff(800)));
        assertThat(store.findTariffs(ids, now))
                .isEqualTo(Map.of(lots.get(0).id(), tariff(1_200), lots.get(1).id(), tariff(800)));
        assertThat(store.findTariff(lots.get(0).id())).contains(tariff(1_200));
        assertThat(store.findTariff(lots.get(2).id())).isEmpty();
        assertThat(store.findTariffs(List.of(), now)).isEmpty();
    }

    @Test
    void versionsAreKeptByEffectiveTimeInOrderAndTheOneInForceIsTheLatestStarted() {
        List<Lot> lots = GeoJsonDataSetReader.wujiaochang().lots().subList(0, 2);
        TariffStore store = newStore(lots);
        String lot = lots.get(0).id();
        Instant change = Instant.parse("2026-12-03T16:00:00Z");
        Instant later = Instant.parse("2026-12-31T16:00:00Z");
        store.putVersion(lot, new TariffVersion(later, tariff(1_500)));
        store.putVersion(lot, new TariffVersion(TariffVersion.FROM_THE_START, tariff(1_000)));
        store.putVersion(lot, new TariffVersion(change, tariff(1_100)));
        // the same effective time again replaces that version only
        store.putVersion(lot, new TariffVersion(change, tariff(1_200)));

        assertThat(store.findVersions(lot).list())
                .containsExactly(
                        new TariffVersion(TariffVersion.FROM_THE_START, tariff(1_000)),
                        new TariffVersion(change, tariff(1_200)),
                        new TariffVersion(later, tariff(1_500)));
        assertThat(store.findTariff(lot, change.minusSeconds(1))).contains(tariff(1_000));
        assertThat(store.findTariff(lot, change)).contains(tariff(1_200));
        assertThat(store.findTariff(lot, later.plusSeconds(86_400))).contains(tariff(1_500));
        assertThat(store.findVersions(List.of(lot, lots.get(1).id())))
                .containsOnlyKeys(lot)
                .containsEntry(lot, store.findVersions(lot));
        assertThat(store.findVersions(lots.get(1).id()).isEmpty()).isTrue();
        assertThat(store.findTariffs(List.of(lot), change.minusSeconds(1))).containsEntry(lot, tariff(1_000));

        TimeBand midday = new TimeBand(
                java.util.EnumSet.of(java.time.DayOfWeek.MONDAY, java.time.DayOfWeek.SATURDAY),
                LocalTime.of(11, 0),
                LocalTime.of(14, 0));
        TariffVersion byPolicy = new TariffVersion(
                later.plusSeconds(3600),
                tariff(1_500).withBandRates(List.of(new BandRate(midday, Money.ofFen(1_700)))),
                "wujiaochang");
        store.putVersion(lot, byPolicy);
        assertThat(store.findVersions(lot).findInForce(later.plusSeconds(7200))).contains(byPolicy);
    }
}
