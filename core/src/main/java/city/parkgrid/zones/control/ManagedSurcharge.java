package city.parkgrid.zones.control;

import city.parkgrid.money.Money;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The MANAGED surcharge of a stay: for the part of it during which the unit was MANAGED, the
 * control's {@code surchargePerHour}, pro rata by the second, rounded down to the fen. Pure.
 */
public final class ManagedSurcharge {

    private ManagedSurcharge() {}

    /** @param history the unit's recorded modes, oldest first */
    public static Money of(List<ZoneControlStore.ModeRecord> history, Instant from, Instant to) {
        // fen per hour × seconds, summed over the stay and divided once at the end, so that a stay
        // across several changes of mode is rounded down once, not once per MANAGED stretch
        long fenSeconds = 0;
        for (int i = 0; i < history.size(); i++) {
            ZoneControlStore.ModeRecord record = history.get(i);
            if (record.mode() != ZoneMode.MANAGED || record.surchargePerHour().isZero()) {
                continue;
            }
            Instant start = record.at().isAfter(from) ? record.at() : from;
            Instant end = i + 1 < history.size() && history.get(i + 1).at().isBefore(to)
                    ? history.get(i + 1).at()
                    : to;
            if (end.isAfter(start)) {
                fenSeconds = Math.addExact(
                        fenSeconds,
                        Math.multiplyExact(
                                Duration.between(start, end).toSeconds(),
                                record.surchargePerHour().fen()));
            }
        }
        return Money.ofFen(fenSeconds / 3600);
    }
}
