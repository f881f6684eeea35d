package city.parkgrid.sim;

import java.time.Duration;
import java.time.Instant;

/** The hourly rates drivers see and pay in a simulated day (issue 14's price-responsive drivers). */
public interface LotRates {

    /** Whether visitors pay at the lot (lots not priced are free to choose on time alone). */
    boolean priced(String lotId);

    /** The lot's hourly rate in fen in force at {@code at}; 0 for a lot not priced. */
    long hourlyFen(String lotId, Instant at);

    /** The stay priced at the rate in force at entry (a simplification: no piecewise pricing in the sim). */
    default long feeFen(String lotId, Instant entry, Duration stay) {
        return Math.round(hourlyFen(lotId, entry) * stay.toSeconds() / 3600.0);
    }
}
