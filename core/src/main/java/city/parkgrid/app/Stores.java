package city.parkgrid.app;

import city.parkgrid.accounts.AccountBook;
import city.parkgrid.accounts.simulated.SimulatedPaymentGateway;
import city.parkgrid.catalog.GeographyStore;
import city.parkgrid.history.OccupancyHistoryStore;
import city.parkgrid.occupancy.OccupancyStore;
import city.parkgrid.pricing.PricingStore;
import city.parkgrid.regions.ResidentRegistry;
import city.parkgrid.reservations.BookingStore;
import city.parkgrid.tariffs.TariffStore;
import city.parkgrid.zones.control.ZoneControlStore;

/**
 * The ports that differ between a node in {@code dev} (memory) and in {@code serve} (Redis,
 * PostgreSQL/PostGIS): everything a node keeps, and nothing it computes. Only {@link UseCases#wire}
 * reads them; nothing above the use cases sees a store.
 */
public record Stores(
        GeographyStore geography,
        ResidentRegistry residents,
        OccupancyStore occupancy,
        AccountBook accounts,
        TariffStore tariffs,
        SimulatedPaymentGateway.PayerMemory payer,
        ZoneControlStore controls,
        OccupancyHistoryStore history,
        PricingStore pricing,
        BookingStore bookings) {}
