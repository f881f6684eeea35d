package city.parkgrid.forecast;

/**
 * What a lot will look like at a target time.
 *
 * @param expectedOccupied the point forecast of cars inside, within 0..capacity
 * @param low the lower end of a central 80% prediction interval (10% quantile)
 * @param high its upper end (90% quantile)
 * @param probabilityFree P(at least one free space at the target), i.e. P(occupied <= capacity - 1)
 * @param method the forecaster's name
 * @param capacity the lot's capacity as last observed before the issue time
 */
public record Forecast(
        double expectedOccupied, double low, double high, double probabilityFree, String method, int capacity) {

    public double expectedFree() {
        return capacity - expectedOccupied;
    }
}
