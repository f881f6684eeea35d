package city.parkgrid.tariffs;

import city.parkgrid.money.Money;
import java.time.Instant;
import java.util.List;

/**
 * A stay priced piece by piece: its parts tile the stay from entry to exit, in order, and its fee
 * is the sum of theirs. Immutable.
 */
public record PricedStay(Money fee, List<Part> parts) {

    public PricedStay {
        parts = List.copyOf(parts);
    }

    /**
     * The units of a stay that start while one tariff version is in force.
     *
     * @param effectiveFrom the version's effective time, or null for time before the lot's first
     *     version (free: no tariff, no charge)
     * @param from the start of the part's first unit (the entry, for the first part)
     * @param to the end of its last unit, or the exit if that comes first
     * @param units the units charged (0 for a stay within the free minutes)
     * @param fee what the part costs: its units, each local day's capped, less the resident discount
     */
    public record Part(Instant effectiveFrom, Instant from, Instant to, long units, Money fee) {}
}
