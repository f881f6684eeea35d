package city.parkgrid.zones.control;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The MANAGED surcharge of a stay: for the part of it during which the unit was MANAGED, the
 * control's {@code surchargeFenPerHour}, pro rata by the second, rounded down to the fen. Pure.
 */
public final class ManagedSurcharge {

    private ManagedSurcharge() {
    }

    /** @param history the unit's recorded modes, oldest first */
    public static long fen(List<ZoneControlStore.ModeRecord> history, Instant from, Instant to) {
        long fenSeconds = 0;
        for (int i = 0; i < history.size(); i++) {
            ZoneControlStore.ModeRecord record = history.get(i);
            if (record.mode() != ZoneMode.MANAGED || record.surchargeFenPerHour() == 0) {
                continue;
            }
            Instant start = record.at().isAfter(from) ? record.at() : from;
            Instant end = i + 1 < history.size() && history.get(i + 1).at().isBefore(to) ? history.get(i + 1).at() : to;
            if (end.isAfter(start)) {
                fenSeconds += Duration.between(start, end).toSeconds() * record.surchargeFenPerHour();
            }
        }
        return fenSeconds / 3600;
    }
}
