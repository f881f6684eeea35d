package city.parkgrid.allocation;

/**
 * How the ranking trades walking, driving, price and fullness against each other. Every term is
 * converted into metres of walking, so the weights read as exchange rates.
 *
 * @param walkPerMetre cost of one metre walked from the lot to the destination (the unit: 1)
 * @param drivePerMetre cost of one metre driven from the driver's position to the lot; driving is
 *     roughly ten times faster than walking, and cruising a few hundred metres more is cheap
 * @param perFen cost of one fen of the expected fee (when a tariff is known): 1 yuan ≈ 50 m walked
 * @param fullnessMetres what a completely full lot costs extra; the penalty grows with the fourth
 *     power of the lot's fill ratio, so it barely matters below half full and dominates near full,
 *     which spreads drivers over a unit instead of sending them all to the nearest lot
 * @param detourFactor straight-line distance times this approximates the road distance
 * @param fullAtArrivalMetres what a lot certain to be full when the driver arrives costs extra,
 *     scaled by the forecast probability that it will be (only when the driver's position or
 *     arrival time is known): a few hundred metres of walking buy a lot that will still have room
 * @param driveMetresPerMinute the driving speed that turns the road distance into an arrival time
 *     (333 m a minute is 20 km/h, a weekday average on Shanghai's central streets)
 */
public record RankingWeights(
        double walkPerMetre,
        double drivePerMetre,
        double perFen,
        double fullnessMetres,
        double detourFactor,
        double fullAtArrivalMetres,
        double driveMetresPerMinute) {

    public static final RankingWeights DEFAULTS = new RankingWeights(1.0, 0.1, 0.5, 600, 1.3, 1_000, 333);

    public RankingWeights {
        if (walkPerMetre < 0
                || drivePerMetre < 0
                || perFen < 0
                || fullnessMetres < 0
                || detourFactor < 1
                || fullAtArrivalMetres < 0
                || !(driveMetresPerMinute > 0)) {
            throw new IllegalArgumentException(
                    "ranking weights must be non-negative, the detour factor at least 1 and the driving speed positive");
        }
    }
}
