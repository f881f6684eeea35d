package city.parkgrid.app;

import city.parkgrid.accounts.simulated.SimulatedPaymentGateway;
import city.parkgrid.allocation.AllocationSettings;
import city.parkgrid.allocation.RankingWeights;
import city.parkgrid.history.HistorySettings;
import city.parkgrid.occupancy.OccupancySettings;
import java.time.Duration;

/**
 * What the use cases are tuned by; {@code serve} reads it from its configuration, {@code dev} and
 * the simulator take {@link #DEFAULTS}.
 *
 * @param commissionBasisPoints the platform's share of each fee (100 = 1%), rounded down to the fen
 * @param paymentRetry the first wait before a PENDING linked payment is asked again
 * @param gateway the simulated payer (the only one shipped; real payers are adapters of PaymentGateway)
 * @param history the occupancy history's recording step and retention
 * @param recentOccupancyMaxAge how old the live state a fan-out read (nearby lots, a lot,
 *     guidance's candidates) may be; zero reads it fresh every time (the simulator, whose clock
 *     is not the wall's)
 */
public record Settings(
        OccupancySettings occupancy,
        RankingWeights ranking,
        AllocationSettings allocation,
        int commissionBasisPoints,
        Duration paymentRetry,
        SimulatedPaymentGateway.Settings gateway,
        HistorySettings history,
        Duration recentOccupancyMaxAge) {

    /** serve's and dev's: half the 1 s the lot streams promise (docs/DECISIONS.md, issue 17). */
    public static final Duration RECENT_OCCUPANCY_MAX_AGE = Duration.ofMillis(500);

    /** These settings with the fan-out reads' age {@code maxAge}. */
    public Settings withRecentOccupancyMaxAge(Duration maxAge) {
        return new Settings(
                occupancy, ranking, allocation, commissionBasisPoints, paymentRetry, gateway, history, maxAge);
    }

    public static final Settings DEFAULTS = new Settings(
            OccupancySettings.DEFAULTS,
            RankingWeights.DEFAULTS,
            AllocationSettings.DEFAULTS,
            100,
            Duration.ofSeconds(5),
            new SimulatedPaymentGateway.Settings(20, 0.0, 0.0, 1, false),
            HistorySettings.DEFAULTS,
            RECENT_OCCUPANCY_MAX_AGE);
}
