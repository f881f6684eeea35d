package city.parkgrid.allocation;

import static org.assertj.core.api.Assertions.assertThat;

import city.parkgrid.catalog.Geography;
import city.parkgrid.dataset.GeoJsonDataSetReader;
import city.parkgrid.geo.GeoPoint;
import city.parkgrid.lots.Lot;
import city.parkgrid.money.Money;
import city.parkgrid.occupancy.OccupancySettings;
import city.parkgrid.occupancy.memory.InMemoryOccupancyStore;
import city.parkgrid.zones.control.ControlSource;
import city.parkgrid.zones.control.EventScope;
import city.parkgrid.zones.control.ZoneControl;
import city.parkgrid.zones.control.ZoneMode;
import city.parkgrid.zones.control.ZonePolicy;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A MANAGED control scoped to the stadium's match diverts the fans' trips and leaves the
 * shoppers' to the malls, on the Wujiaochang data set (where the stadium's lot lies in the same
 * unit as the malls).
 */
class EventDiversionTest {

    private static final Instant NOW = Instant.parse("2026-11-28T06:00:00Z");
    private static final String STADIUM = "jiangwan-stadium";
    private static final String MALL = "wanda-plaza";
    private static final EventScope MATCH = new EventScope(List.of(STADIUM), 300);

    private Geography geography;
    private InMemoryOccupancyStore store;
    private GeoPoint toTheMatch;
    private GeoPoint toTheMall;

    @BeforeEach
    void setUp() {
        geography = new Geography(GeoJsonDataSetReader.wujiaochang());
        store = new InMemoryOccupancyStore(OccupancySettings.DEFAULTS);
        for (Lot lot : geography.listLots()) {
            join(store.registerLot(lot.id(), lot.capacity(), NOW));
        }
        toTheMatch = geography.getLot(STADIUM).entrance();
        toTheMall = geography.getLot(MALL).entrance();
        // the two trips lie on either side of the event's radius
        assertThat(toTheMall.metresTo(toTheMatch)).isGreaterThan(MATCH.radiusMetres());
    }

    private static <T> T join(CompletionStage<T> stage) {
        return stage.toCompletableFuture().join();
    }

    /** Fills every lot of the unit to this share, the stadium's to its own. */
    private void fillUnit(double unitShare, double stadiumShare) {
        for (Lot lot : geography.listLotsInZone("wujiaochang")) {
            double share = lot.id().equals(STADIUM) ? stadiumShare : unitShare;
            join(store.applySnapshot(lot.id(), (int) Math.ceil(lot.capacity() * share), NOW, NOW));
        }
    }

    private GuidanceResult guidance(EventScope scope, GeoPoint destination) {
        ZoneControl control = new ZoneControl(
                "wujiaochang",
                ZoneMode.MANAGED,
                new ZonePolicy(
                        0.85, List.of(), Map.of(), Money.ZERO, List.of("jiangwan-xinjiangwancheng"), scope, null),
                NOW,
                null,
                "bureau",
                "match at Jiangwan Stadium",
                ControlSource.MANUAL);
        Guidance guidance = new Guidance(
                geography,
                store,
                RankingWeights.DEFAULTS,
                zoneId -> zoneId.equals("wujiaochang") ? control : ZoneControl.normal(zoneId));
        return join(guidance.options(GuidanceRequest.to(destination)));
    }

    @Test
    void aFansTripIsDivertedWhileAShoppersIsRankedAsOnAnyDay() {
        fillUnit(0.90, 0.95);

        GuidanceResult fan = guidance(MATCH, toTheMatch);
        assertThat(fan.diversion()).isNotNull();
        assertThat(fan.diversion().reason()).contains("the event's lots");
        assertThat(fan.options())
                .isNotEmpty()
                .noneMatch(o -> "wujiaochang".equals(o.candidate().lot().zoneId()));

        GuidanceResult shopper = guidance(MATCH, toTheMall);
        assertThat(shopper.diversion()).isNull();
        assertThat(shopper.options()).anyMatch(o -> o.candidate().lot().id().equals(MALL));
    }

    @Test
    void withoutAScopeTheShopperIsDivertedWithTheFansAsBefore() {
        fillUnit(0.90, 0.95);

        GuidanceResult shopper = guidance(null, toTheMall);

        assertThat(shopper.diversion()).isNotNull();
        assertThat(shopper.options())
                .noneMatch(o -> "wujiaochang".equals(o.candidate().lot().zoneId()));
    }

    @Test
    void theEventsLotsNotTheUnitSayWhenItsTripsAreDiverted() {
        // the malls are full, the stadium's lot has room: the fans are still sent to it
        fillUnit(0.95, 0.50);
        GuidanceResult fan = guidance(MATCH, toTheMatch);
        assertThat(fan.diversion()).isNull();
        assertThat(fan.options()).anyMatch(o -> o.candidate().lot().id().equals(STADIUM));

        // and the other way round: the unit has room, the stadium's lot is above target
        fillUnit(0.30, 0.90);
        assertThat(guidance(MATCH, toTheMatch).diversion()).isNotNull();
        assertThat(guidance(null, toTheMatch).diversion()).isNull();
    }
}
