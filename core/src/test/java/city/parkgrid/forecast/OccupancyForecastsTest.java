package city.parkgrid.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import city.parkgrid.CityTime;
import city.parkgrid.InvalidInputException;
import city.parkgrid.NotFoundException;
import city.parkgrid.allocation.GuidanceRequest;
import city.parkgrid.allocation.GuidanceResult;
import city.parkgrid.allocation.RankedOption;
import city.parkgrid.allocation.VehicleKind;
import city.parkgrid.app.Settings;
import city.parkgrid.app.Stores;
import city.parkgrid.app.UseCases;
import city.parkgrid.app.memory.EmbeddedStores;
import city.parkgrid.dataset.GeoJsonDataSetReader;
import city.parkgrid.geo.GeoPoint;
import city.parkgrid.history.OccupancySample;
import city.parkgrid.lots.Lot;
import city.parkgrid.lots.NearbyLot;
import city.parkgrid.occupancy.LotStatus;
import city.parkgrid.testing.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.IntUnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Forecasts served from recorded history, and guidance that weighs each lot by its chance of a free
 * space when the driver gets there: a lot that fills every morning at 10:20 is not recommended at
 * 10:00 to a driver 40 minutes away, although it is the nearest and has room now.
 */
class OccupancyForecastsTest {

    /** Wednesday 10:00 in Shanghai. */
    private static final Instant NOW =
            LocalDateTime.parse("2026-11-25T10:00:00").atZone(CityTime.SHANGHAI).toInstant();

    private final SettableClock clock = new SettableClock(NOW);
    private final ExecutorService forecastReads = Executors.newSingleThreadExecutor();
    private Stores stores;
    private UseCases node;
    private Lot fillsFast;
    private Lot staysQuiet;
    private GeoPoint destination;

    @BeforeEach
    void setUp() {
        stores = EmbeddedStores.of(GeoJsonDataSetReader.wujiaochang(), Settings.DEFAULTS.occupancy());
        node = UseCases.wire(stores, Settings.DEFAULTS, clock, forecastReads, Runnable::run, forecastReads);
        node.occupancy()
                .registerLots(node.geography().listLots(), NOW)
                .toCompletableFuture()
                .join();
        fillsFast = node.geography().getLot("wanda-plaza");
        destination = fillsFast.entrance();
        staysQuiet = node.geography().findLotsNear(destination, 1_000).stream()
                .map(NearbyLot::lot)
                .filter(l -> !l.id().equals(fillsFast.id()))
                .findFirst()
                .orElseThrow();
        // five weeks in which the first lot goes from 30% to full between 10:00 and 10:20 every
        // day and empties after 18:00; the second sits at 20% all day
        record(fillsFast, minuteOfDay -> {
            int cap = fillsFast.capacity();
            if (minuteOfDay < 10 * 60 || minuteOfDay >= 18 * 60) {
                return cap * 3 / 10;
            }
            if (minuteOfDay >= 10 * 60 + 20) {
                return cap;
            }
            return cap * 3 / 10 + (cap - cap * 3 / 10) * (minuteOfDay - 600) / 20;
        });
        record(staysQuiet, minuteOfDay -> staysQuiet.capacity() / 5);
        live(fillsFast, fillsFast.capacity() * 3 / 10);
        live(staysQuiet, staysQuiet.capacity() / 5);
    }

    @AfterEach
    void tearDown() {
        forecastReads.shutdownNow();
    }

    @Test
    void aLotThatFillsEveryMorningIsForecastFullHalfAnHourLaterAndTheQuietOneIsNot() {
        LotForecast filling = node.forecasts().forLot(fillsFast.id(), NOW.plus(Duration.ofMinutes(40)));
        LotForecast quiet = node.forecasts().forLot(staysQuiet.id(), NOW.plus(Duration.ofMinutes(40)));

        assertThat(filling.method()).isEqualTo("parkgrid");
        assertThat(filling.expectedOccupied()).isGreaterThan(fillsFast.capacity() * 0.9);
        assertThat(filling.probabilityFree()).isLessThan(0.2);
        assertThat(filling.issuedAt()).isEqualTo(NOW);
        assertThat(quiet.expectedFree()).isGreaterThan(staysQuiet.capacity() * 0.7);
        assertThat(quiet.probabilityFree()).isGreaterThan(0.9);
        assertThat(quiet.low()).isLessThanOrEqualTo(quiet.expectedOccupied());
        assertThat(quiet.high()).isGreaterThanOrEqualTo(quiet.expectedOccupied());
    }

    @Test
    void aForecastTakesInTheLiveCountAndTheNewStepsSamples() {
        Instant at = NOW.plus(Duration.ofMinutes(40));
        LotForecast before = node.forecasts().forLot(staysQuiet.id(), at);
        // the lot fills up now, beyond its profile: the forecast follows at once, within the step
        live(staysQuiet, staysQuiet.capacity() * 9 / 10);
        LotForecast after = node.forecasts().forLot(staysQuiet.id(), at);
        assertThat(after.expectedOccupied()).isGreaterThan(before.expectedOccupied() + staysQuiet.capacity() * 0.3);

        // a later step's sample is read and added, and the same answer comes whether the history
        // was kept and extended or read afresh
        Instant later = NOW.plus(Duration.ofMinutes(10));
        stores.history()
                .recordStep(
                        later,
                        List.of(new OccupancySample(
                                staysQuiet.id(),
                                later,
                                staysQuiet.capacity() * 9 / 10,
                                0,
                                staysQuiet.capacity(),
                                LotStatus.OPEN,
                                OccupancySample.Source.LIVE)));
        clock.set(later.plusSeconds(30));
        LotForecast extended = node.forecasts().forLot(staysQuiet.id(), at);
        UseCases fresh = UseCases.wire(stores, Settings.DEFAULTS, clock, forecastReads, Runnable::run, forecastReads);
        assertThat(fresh.forecasts().forLot(staysQuiet.id(), at)).isEqualTo(extended);
    }

    @Test
    void aUnitsForecastSumsItsLots() {
        String zone = fillsFast.zoneId();
        LotForecast unit = node.forecasts().forZone(zone, NOW.plus(Duration.ofMinutes(40)));
        List<Lot> lots = node.geography().listLotsInZone(zone);
        double sum = lots.stream()
                .mapToDouble(l -> node.forecasts()
                        .forLot(l.id(), NOW.plus(Duration.ofMinutes(40)))
                        .expectedOccupied())
                .sum();
        assertThat(unit.capacity())
                .isEqualTo(lots.stream().mapToInt(Lot::capacity).sum());
        assertThat(unit.expectedOccupied()).isCloseTo(sum, org.assertj.core.data.Offset.offset(0.01));
        assertThat(unit.probabilityFree()).isGreaterThan(0.99);
    }

    @Test
    void aTimeInThePastOrMoreThanADayAheadIsRefusedNamingAt() {
        assertThatThrownBy(() -> node.forecasts().forLot(fillsFast.id(), NOW.minus(Duration.ofMinutes(10))))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("at"));
        assertThatThrownBy(() -> node.forecasts().forLot(fillsFast.id(), NOW.plus(Duration.ofHours(25))))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("at"));
        assertThatThrownBy(() -> node.forecasts().forLot("no-such-lot", NOW.plus(Duration.ofHours(1))))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void aLotWithoutHistoryIsForecastAsItIsNowWithAWideInterval() {
        Lot fresh = node.geography().listLots().stream()
                .filter(l -> !l.id().equals(fillsFast.id()) && !l.id().equals(staysQuiet.id()))
                .findFirst()
                .orElseThrow();
        live(fresh, fresh.capacity() / 2);
        LotForecast f = node.forecasts().forLot(fresh.id(), NOW.plus(Duration.ofHours(2)));
        assertThat(f.expectedOccupied()).isCloseTo(fresh.capacity() / 2.0, org.assertj.core.data.Offset.offset(1.0));
        assertThat(f.high() - f.low()).isGreaterThan(fresh.capacity() * 0.1);
    }

    @Test
    void guidanceFromFortyMinutesAwayPrefersTheLotThatWillStillHaveRoom() {
        double walkToQuiet = staysQuiet.entrance().metresTo(destination);
        double maxWalk = Math.ceil(walkToQuiet) + 1;
        GuidanceRequest here = new GuidanceRequest(destination, null, null, null, maxWalk, VehicleKind.CAR);
        // 10 km out: 13 km of road at 333 m a minute, a 39-minute drive
        GeoPoint origin = GeoPoint.of(destination.lat() + 10_000 / 111_320.0, destination.lon());
        GuidanceRequest farAway = new GuidanceRequest(destination, origin, null, null, maxWalk, VehicleKind.CAR);

        List<RankedOption> now = options(here);
        List<RankedOption> later = options(farAway);

        assertThat(now.get(0).candidate().lot().id()).isEqualTo(fillsFast.id());
        assertThat(now.get(0).candidate().arrival()).isNull();
        assertThat(rankOf(later, staysQuiet)).isLessThan(rankOf(later, fillsFast));
        RankedOption filling = later.get(rankOf(later, fillsFast));
        assertThat(filling.candidate().arrival().probabilityFree()).isLessThan(0.2);
        assertThat(filling.candidate().arrival().expectedFree()).isLessThan(fillsFast.capacity() * 0.1);
        assertThat(filling.candidate().arrival().at())
                .isBetween(NOW.plus(Duration.ofMinutes(35)), NOW.plus(Duration.ofMinutes(45)));
    }

    @Test
    void guidanceWithAnArrivalTimeForecastsEveryLotAtThatTime() {
        Instant at = NOW.plus(Duration.ofMinutes(30));
        List<RankedOption> got = options(new GuidanceRequest(
                destination,
                null,
                at,
                null,
                Math.ceil(staysQuiet.entrance().metresTo(destination)) + 1,
                VehicleKind.CAR));
        assertThat(got).allSatisfy(o -> assertThat(o.candidate().arrival().at()).isEqualTo(at));
        assertThat(got.get(0).candidate().lot().id()).isEqualTo(staysQuiet.id());
    }

    private List<RankedOption> options(GuidanceRequest request) {
        GuidanceResult result = node.allocations()
                .guidance()
                .options(request)
                .toCompletableFuture()
                .join();
        return result.options();
    }

    private static int rankOf(List<RankedOption> options, Lot lot) {
        for (int i = 0; i < options.size(); i++) {
            if (options.get(i).candidate().lot().id().equals(lot.id())) {
                return i;
            }
        }
        throw new AssertionError(lot.id() + " is not among the options " + options);
    }

    /** Five weeks of 5-minute samples before today, by local minute of the day. */
    private void record(Lot lot, IntUnaryOperator occupiedAtMinute) {
        Instant start = NOW.minus(Duration.ofDays(35));
        for (Instant at = start; at.isBefore(NOW); at = at.plus(Duration.ofMinutes(5))) {
            LocalTime local = at.atZone(CityTime.SHANGHAI).toLocalTime();
            int occupied = occupiedAtMinute.applyAsInt(local.getHour() * 60 + local.getMinute());
            List<OccupancySample> samples = new ArrayList<>();
            samples.add(new OccupancySample(
                    lot.id(), at, occupied, 0, lot.capacity(), LotStatus.OPEN, OccupancySample.Source.LIVE));
            stores.history().recordStep(at, samples);
        }
    }

    private void live(Lot lot, int occupied) {
        node.occupancy()
                .applySnapshot(lot, occupied, NOW, NOW)
                .toCompletableFuture()
                .join();
    }
}
