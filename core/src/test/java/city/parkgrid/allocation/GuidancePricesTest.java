package city.parkgrid.allocation;

import static org.assertj.core.api.Assertions.assertThat;

import city.parkgrid.catalog.Geography;
import city.parkgrid.dataset.GeoJsonDataSetReader;
import city.parkgrid.geo.GeoPoint;
import city.parkgrid.lots.Lot;
import city.parkgrid.money.Money;
import city.parkgrid.occupancy.OccupancySettings;
import city.parkgrid.occupancy.memory.InMemoryOccupancyStore;
import city.parkgrid.tariffs.PublishedTariffs;
import city.parkgrid.tariffs.TariffStore;
import city.parkgrid.tariffs.TariffVersion;
import city.parkgrid.tariffs.TestTariffs;
import city.parkgrid.tariffs.memory.InMemoryTariffStore;
import city.parkgrid.zones.control.ZoneControl;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Guidance publishes each option's rate at arrival, its next scheduled change and the stay's fee (issue 14). */
class GuidancePricesTest {

    /** 14:00 in Shanghai, in the day band. */
    private static final Instant NOW = Instant.parse("2026-12-03T06:00:00Z");
    /** The next local midnight, when a reviewed rate takes effect by default. */
    private static final Instant MIDNIGHT = Instant.parse("2026-12-03T16:00:00Z");

    private static final GeoPoint JUNCTION = GeoPoint.of(31.2995, 121.5140);

    private final PublishedTariffs published =
            new PublishedTariffs(new InMemoryTariffStore(), Runnable::run, Duration.ofSeconds(10));
    /** Written through the published tariffs, as the node's use cases write, so each change is seen at once. */
    private final TariffStore tariffs = published.writingThrough();

    private Guidance guidance;

    @BeforeEach
    void setUp() {
        Geography geography = new Geography(GeoJsonDataSetReader.wujiaochang());
        InMemoryOccupancyStore store = new InMemoryOccupancyStore(OccupancySettings.DEFAULTS);
        for (Lot lot : geography.listLots()) {
            store.registerLot(lot.id(), lot.capacity(), NOW)
                    .toCompletableFuture()
                    .join();
        }
        guidance = new Guidance(
                geography,
                store,
                RankingWeights.DEFAULTS,
                ZoneControl::normal,
                ArrivalOutlook.NONE,
                published,
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private List<RankedOption> options(Integer durationMinutes) {
        GuidanceRequest request = new GuidanceRequest(
                JUNCTION, null, null, durationMinutes, GuidanceRequest.DEFAULT_MAX_WALK_METRES, VehicleKind.CAR);
        return guidance.options(request).toCompletableFuture().join().options();
    }

    private List<String> ids(List<RankedOption> options) {
        return options.stream().map(o -> o.candidate().lot().id()).toList();
    }

    @Test
    void anOptionCarriesItsRateTheNextScheduledRateAndTheStaysFeePricedAcrossTheChange() {
        String lot = options(null).get(0).candidate().lot().id();
        tariffs.putTariff(lot, TestTariffs.hourly(1000));
        tariffs.putVersion(lot, new TariffVersion(MIDNIGHT, TestTariffs.hourly(1200), "wujiaochang"));

        // a 12-hour stay from 14:00: 10 units before midnight at 1000, 2 after at 1200
        Candidate c = options(12 * 60).stream()
                .map(RankedOption::candidate)
                .filter(x -> x.lot().id().equals(lot))
                .findFirst()
                .orElseThrow();
        assertThat(c.rate()).isEqualTo(new LotRate(Money.ofFen(1000), 60, MIDNIGHT, Money.ofFen(1200)));
        assertThat(c.fee()).isEqualTo(Money.ofFen(10 * 1000 + 2 * 1200));
    }

    @Test
    void withoutAStayLengthAnOptionHasItsRateButNoFeeAndALotWithoutATariffHasNeither() {
        List<RankedOption> before = options(null);
        String priced = before.get(0).candidate().lot().id();
        tariffs.putTariff(priced, TestTariffs.hourly(800));

        List<Candidate> after =
                options(null).stream().map(RankedOption::candidate).toList();
        Candidate c = after.stream()
                .filter(x -> x.lot().id().equals(priced))
                .findFirst()
                .orElseThrow();
        assertThat(c.rate()).isEqualTo(new LotRate(Money.ofFen(800), 60, null, null));
        assertThat(c.fee()).isNull();
        assertThat(after).filteredOn(x -> !x.lot().id().equals(priced)).allSatisfy(x -> {
            assertThat(x.rate()).isNull();
            assertThat(x.fee()).isNull();
        });
    }

    @Test
    void aDearStayWeighsInTheRankingOnlyWhenTheDriverSaysHowLongTheyStay() {
        List<String> free = ids(options(null));
        assertThat(free).hasSizeGreaterThan(2);
        String best = free.get(0);
        tariffs.putTariff(best, TestTariffs.hourly(5_000));

        assertThat(ids(options(null)).get(0)).isEqualTo(best);
        List<String> withStay = ids(options(180));
        assertThat(withStay.get(0)).isNotEqualTo(best);
        assertThat(withStay).contains(best);
    }
}
