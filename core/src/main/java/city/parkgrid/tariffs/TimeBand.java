package city.parkgrid.tariffs;

import city.parkgrid.InvalidInputException;
import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A band of the week in Asia/Shanghai local time: on {@code days}, from {@code from} (inclusive)
 * to {@code to} (exclusive), e.g. weekdays 09:00–12:00. Immutable.
 */
public record TimeBand(Set<DayOfWeek> days, LocalTime from, LocalTime to) {

    public TimeBand {
        if (days == null || days.isEmpty()) {
            throw new InvalidInputException("days", "must name at least one day (MON … SUN)");
        }
        days = Set.copyOf(EnumSet.copyOf(days));
        if (from == null || to == null) {
            throw new InvalidInputException(from == null ? "from" : "to", "is required, e.g. \"09:00\"");
        }
        if (!from.isBefore(to)) {
            throw new InvalidInputException("to", "must be after from (" + from + "), was " + to);
        }
    }

    public boolean contains(LocalDateTime local) {
        LocalTime t = local.toLocalTime();
        return days.contains(local.getDayOfWeek()) && !t.isBefore(from) && t.isBefore(to);
    }

    public boolean overlaps(TimeBand other) {
        return days.stream().anyMatch(other.days::contains) && from.isBefore(other.to) && other.from.isBefore(to);
    }

    /**
     * Refuses a list in which two bands share a moment of the week: the later one is named as
     * {@code field[i]}, with the earlier it overlaps. Tariffs' band rates and pricing policies'
     * bands both hold to it.
     */
    public static <T> void requireDisjoint(String field, List<T> items, Function<T, TimeBand> band) {
        for (int i = 0; i < items.size(); i++) {
            for (int j = 0; j < i; j++) {
                TimeBand earlier = band.apply(items.get(j));
                if (band.apply(items.get(i)).overlaps(earlier)) {
                    throw new InvalidInputException(
                            field + "[" + i + "]", "overlaps " + field + "[" + j + "] (" + earlier.label() + ")");
                }
            }
        }
    }

    /** E.g. {@code MON,TUE 09:00-12:00}: how the band is named in answers and the audit. */
    public String label() {
        return EnumSet.copyOf(days).stream().map(d -> d.name().substring(0, 3)).collect(Collectors.joining(",")) + " "
                + from + "-" + to;
    }
}
