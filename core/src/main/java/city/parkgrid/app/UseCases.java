package city.parkgrid.app;

import city.parkgrid.CityTime;
import city.parkgrid.accounts.AccountBook;
import city.parkgrid.accounts.AccountService;
import city.parkgrid.accounts.CommunityResidency;
import city.parkgrid.accounts.SettlementService;
import city.parkgrid.accounts.simulated.SimulatedPaymentGateway;
import city.parkgrid.allocation.AllocationService;
import city.parkgrid.allocation.Guidance;
import city.parkgrid.allocation.PlateOwners;
import city.parkgrid.catalog.CatalogChanges;
import city.parkgrid.catalog.Geography;
import city.parkgrid.datex2.Datex2;
import city.parkgrid.datex2.Datex2Publications;
import city.parkgrid.datex2.Datex2StatusImport;
import city.parkgrid.forecast.Forecaster;
import city.parkgrid.forecast.OccupancyForecasts;
import city.parkgrid.gates.GateEvents;
import city.parkgrid.history.OccupancyHistory;
import city.parkgrid.history.OccupancyRecorder;
import city.parkgrid.occupancy.OccupancyService;
import city.parkgrid.occupancy.OccupancyStore;
import city.parkgrid.occupancy.RecentOccupancy;
import city.parkgrid.occupancy.SelfRegisteringOccupancyStore;
import city.parkgrid.pricing.LotTariffs;
import city.parkgrid.pricing.OccupancyAhead;
import city.parkgrid.pricing.ZonePricing;
import city.parkgrid.regions.RegionSummaries;
import city.parkgrid.regions.ResidentRegistry;
import city.parkgrid.reservations.BookedSpaces;
import city.parkgrid.reservations.Reservations;
import city.parkgrid.tariffs.PublishedTariffs;
import city.parkgrid.tariffs.TariffStore;
import city.parkgrid.zones.control.ManagedSurcharges;
import city.parkgrid.zones.control.ZoneControlService;
import city.parkgrid.zones.control.ZoneControls;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Everything a caller of ParkGrid may ask, as use cases: the HTTP handlers, the event bus, the
 * periodic jobs, the simulator and the dev traffic all go through these and only these, so "what
 * happens when a car leaves" is the same code whoever asks ({@link GateEvents}).
 *
 * <p>{@link #wire} is the one place the use cases are built from the {@link Stores}; it is called
 * once per node by the embedded wiring ({@code dev}, tests, the simulator) and by the serve wiring.
 *
 * @param geography this node's read-only view of lots, units and regions (an in-memory index)
 * @param occupancy lots' live state, read fresh from the shared store and changed in it
 * @param recentOccupancy the same, its reads answered from this node's copies while younger than
 *     {@link Settings#recentOccupancyMaxAge}: for the reads navigation providers fan out
 * @param tariffs lots' tariff versions, read as they are stored (exports, set-ups)
 * @param lotTariffs a lot's tariff set (now or scheduled) and read as of a time
 * @param reservations advance bookings of the spaces the bureau's control reserves in a lot
 * @param pricing a unit's demand-responsive pricing policy, its reviews and their approval
 * @param residents the shared register of residents, read and written as it is stored
 * @param regions what each region of the shared hierarchy holds
 * @param recorder writes every lot's live state into history at each step (run periodically)
 * @param history what history answers: raw samples for forecasters, buckets, the archive import
 * @param forecasts a lot's or a unit's occupancy ahead, and guidance's outlook at the driver's arrival
 * @param datex2 the lots as DATEX II publications, and DATEX II status feeds applied
 */
public record UseCases(
        Geography geography,
        OccupancyService occupancy,
        OccupancyService recentOccupancy,
        GateEvents gateEvents,
        CatalogChanges catalog,
        AllocationService allocations,
        ZoneControls controls,
        Reservations reservations,
        AccountService accounts,
        SettlementService settlement,
        TariffStore tariffs,
        LotTariffs lotTariffs,
        ZonePricing pricing,
        ResidentRegistry residents,
        RegionSummaries regions,
        OccupancyRecorder recorder,
        OccupancyHistory history,
        OccupancyForecasts forecasts,
        Datex2 datex2,
        Clock clock) {

    /** How many lots' histories a node keeps for forecasting (a few weeks of samples each, about 200 KB). */
    public static final int FORECAST_CACHED_LOTS = 1_024;

    /**
     * How stale guidance's rates may be on a node that did not make the change: a rate the bureau
     * reviews takes effect the next day at the earliest, so it is published hours ahead regardless.
     */
    public static final Duration PUBLISHED_TARIFFS_MAX_AGE = Duration.ofSeconds(10);

    /**
     * Builds every use case of one node. Reads the geography from its store (blocking).
     *
     * @param payments where linked payments of exits are attempted, off the caller's thread
     * @param accountReads where allocation looks up who owns a plate (the account book blocks)
     */
    public static UseCases wire(
            Stores stores, Settings settings, Clock clock, Executor payments, Executor accountReads) {
        return wire(stores, settings, clock, payments, accountReads, accountReads);
    }

    /**
     * @param forecastReads where guidance's forecasts at arrival read history and compute (blocking
     *     and CPU-bound: never an event loop)
     */
    public static UseCases wire(
            Stores stores,
            Settings settings,
            Clock clock,
            Executor payments,
            Executor accountReads,
            Executor forecastReads) {
        Geography geography = new Geography(stores.geography().load());
        // every use case sees live occupancy through this: while the registration epoch is gone (Redis
        // lost its data) reads find no state, writes are refused and the state is restored (issues 16, 18)
        OccupancyStore selfRegistering = new SelfRegisteringOccupancyStore(stores.occupancy(), geography, clock);
        // every write goes through it, so this node's own changes reach its recent reads at once (issue 17)
        RecentOccupancy live = new RecentOccupancy(selfRegistering, settings.recentOccupancyMaxAge());
        OccupancyService occupancy = new OccupancyService(live, settings.occupancy());
        OccupancyService recentOccupancy = new OccupancyService(live.recent(), settings.occupancy());
        OccupancyHistory history =
                new OccupancyHistory(stores.history(), geography, geography, settings.history(), clock);
        OccupancyForecasts forecasts = new OccupancyForecasts(
                history,
                occupancy,
                geography,
                geography,
                clock,
                forecastReads,
                CityTime.SHANGHAI,
                FORECAST_CACHED_LOTS);
        ZoneControlService controlRules = new ZoneControlService(stores.controls(), geography, geography);
        // the control's reserved spaces are withheld as advance reservations take them (issue 15)
        ZoneControls controls =
                new ZoneControls(controlRules, geography, live, clock, new BookedSpaces(stores.bookings()));
        PublishedTariffs published = new PublishedTariffs(stores.tariffs(), forecastReads, PUBLISHED_TARIFFS_MAX_AGE);
        // the use cases that change tariffs write through it, so this node publishes its own changes at once
        TariffStore tariffs = published.writingThrough();
        AllocationService allocations = new AllocationService(
                new Guidance(
                        geography, live.recent(), settings.ranking(), controls::current, forecasts, published, clock),
                geography,
                live,
                settings.allocation(),
                plateOwners(stores.accounts(), accountReads));
        SettlementService settlement = new SettlementService(
                stores.accounts(),
                stores.tariffs(),
                new CommunityResidency(stores.residents(), geography),
                new SimulatedPaymentGateway(settings.gateway(), stores.payer()),
                settings.commissionBasisPoints(),
                settings.paymentRetry(),
                new ManagedSurcharges(controlRules));
        return new UseCases(
                geography,
                occupancy,
                recentOccupancy,
                new GateEvents(occupancy, settlement, payments),
                new CatalogChanges(geography, stores.geography(), occupancy, clock),
                allocations,
                controls,
                new Reservations(geography, controls, stores.bookings(), clock),
                new AccountService(stores.accounts()),
                settlement,
                tariffs,
                new LotTariffs(tariffs, stores.pricing(), clock),
                new ZonePricing(
                        stores.pricing(),
                        tariffs,
                        geography,
                        geography,
                        history,
                        ahead(forecasts),
                        stores.controls()::appendAudit,
                        clock),
                stores.residents(),
                new RegionSummaries(geography, stores.residents(), occupancy),
                new OccupancyRecorder(stores.history(), geography, occupancy, settings.history(), clock),
                history,
                forecasts,
                new Datex2(
                        new Datex2Publications(
                                geography,
                                geography,
                                occupancy,
                                stores.tariffs(),
                                Datex2Publications.Publisher.PARKGRID),
                        new Datex2StatusImport(geography, occupancy)),
                clock);
    }

    /** What a pricing review on the forecast basis reads: the lots' forecasts, as shares of capacity. */
    private static OccupancyAhead ahead(OccupancyForecasts forecasts) {
        return new OccupancyAhead() {
            @Override
            public Duration horizon() {
                return Forecaster.MAX_HORIZON;
            }

            @Override
            public List<Double> expectedShares(String lotId, List<Instant> times) {
                return forecasts.forLot(lotId, times).stream()
                        .map(f -> f.capacity() == 0 ? 0.0 : f.expectedOccupied() / f.capacity())
                        .toList();
            }
        };
    }

    /** Plate ownership for allocation, read from the accounts (a driver's account id is their id). */
    private static PlateOwners plateOwners(AccountBook book, Executor accountReads) {
        return (driverId, plate) -> CompletableFuture.supplyAsync(
                () -> new PlateOwners.Ownership(
                        book.findAccountsOfPlates(List.of(plate)).get(plate),
                        book.findAccount(driverId).isPresent()),
                accountReads);
    }
}
