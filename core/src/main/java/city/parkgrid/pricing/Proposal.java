package city.parkgrid.pricing;

import city.parkgrid.money.Money;
import city.parkgrid.tariffs.TimeBand;

/**
 * What a review proposes for one lot in one band: the rate now, the rate proposed, and the
 * occupancy that drove it. Immutable.
 *
 * @param occupancy the band's occupancy over the lookback (mean or p85), null without samples
 * @param samples how many recorded samples fell in the band
 * @param current null when the lot has no tariff (nothing is proposed then)
 */
public record Proposal(
        String lotId,
        TimeBand band,
        Double occupancy,
        int samples,
        Money current,
        Money proposed,
        Action action,
        String reason) {

    public enum Action {
        UP,
        DOWN,
        BIG_DOWN,
        UNCHANGED,
        /** Changed less than {@code minIntervalDays} ago: no move yet. */
        HELD,
        NO_DATA,
        NO_TARIFF
    }

    public boolean changes() {
        return current != null && proposed != null && !current.equals(proposed);
    }
}
