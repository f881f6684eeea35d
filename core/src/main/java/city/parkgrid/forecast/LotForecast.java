package city.parkgrid.forecast;

import java.time.Instant;

/**
 * What the platform expects of a lot, or of a unit's lots together, at a time ahead.
 *
 * @param id the lot's or the unit's id
 * @param issuedAt when the forecast was made; it uses nothing recorded after it
 * @param low the lower end of a central 80% interval of occupied spaces
 * @param high its upper end
 * @param probabilityFree the probability of at least one free space at {@code at}
 * @param method the forecaster that made it ({@code parkgrid}, or {@code persistence} while the
 *     lot has no history to learn from)
 */
public record LotForecast(
        String id,
        Instant at,
        Instant issuedAt,
        int capacity,
        double expectedOccupied,
        double low,
        double high,
        double probabilityFree,
        String method) {

    public double expectedFree() {
        return Math.max(0, capacity - expectedOccupied);
    }
}
