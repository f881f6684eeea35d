package city.parkgrid.zones.control;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A recurring control: on these days, from..to local time (Asia/Shanghai). Immutable.
 *
 * <p>A {@code to} before {@code from} runs into the next day (a night control, 22:00–06:00): the
 * {@code days} are the days a window starts on, so SUN 22:00–06:00 ends on MON 06:00, across the
 * week's end. {@code to == from} is no window at all and is refused where schedules are made.
 */
public record Schedule(
        String id,
        String zoneId,
        ZoneMode mode,
        ZonePolicy policy,
        Set<DayOfWeek> days,
        LocalTime from,
        LocalTime to,
        String setBy) {

    public Schedule {
        days = Set.copyOf(days);
    }

    /** Whether the window runs past midnight into the next day. */
    public boolean overnight() {
        return to.isBefore(from);
    }

    /** One effective window: from {@code startDay} {@code from} to {@code endDay} {@code to}, local time. */
    public record Window(DayOfWeek startDay, LocalTime from, DayOfWeek endDay, LocalTime to) {

        /** As a duty officer reads it: {@code SUN 22:00 → MON 06:00}. */
        public String describe() {
            return dayAndTime(startDay, from) + " → " + dayAndTime(endDay, to);
        }
    }

    /** {@code SAT 22:00}: the day's three-letter name and the local time. */
    public static String dayAndTime(DayOfWeek day, LocalTime time) {
        return day.name().substring(0, 3) + " " + time;
    }

    /** Every window of the week, e.g. {@code SAT 22:00 → SUN 06:00, SUN 22:00 → MON 06:00}. */
    public String describe() {
        return String.join(", ", windows().stream().map(Window::describe).toList());
    }

    /** The windows of a week, in the order of their start days (MON first). */
    public List<Window> windows() {
        return days.stream()
                .sorted()
                .map(d -> new Window(d, from, overnight() ? d.plus(1) : d, to))
                .toList();
    }

    /** Start (inclusive) and end (exclusive) of one occurrence of a window, local time. */
    public record Occurrence(LocalDateTime start, LocalDateTime end) {}

    /**
     * The occurrence of this schedule in force at a local time, if any: one that started today, or
     * (overnight) one that started yesterday and has not reached {@code to} yet.
     */
    public Optional<Occurrence> occurrenceAt(LocalDateTime local) {
        LocalTime time = local.toLocalTime();
        if (days.contains(local.getDayOfWeek()) && !time.isBefore(from) && (overnight() || time.isBefore(to))) {
            LocalDateTime start = local.toLocalDate().atTime(from);
            return Optional.of(new Occurrence(
                    start, (overnight() ? start.toLocalDate().plusDays(1) : start.toLocalDate()).atTime(to)));
        }
        if (overnight() && days.contains(local.getDayOfWeek().minus(1)) && time.isBefore(to)) {
            return Optional.of(new Occurrence(
                    local.toLocalDate().minusDays(1).atTime(from),
                    local.toLocalDate().atTime(to)));
        }
        return Optional.empty();
    }

    /**
     * The first start or end of one of this schedule's windows strictly after {@code local}: when
     * a node that knows the schedule must next look at it. A window that starts yesterday may end
     * today, hence the day before; a week on, every window has come round again. Empty only for a
     * schedule of no days.
     */
    public Optional<LocalDateTime> nextBoundaryAfter(LocalDateTime local) {
        LocalDateTime next = null;
        for (int day = -1; day <= 7; day++) {
            LocalDate date = local.toLocalDate().plusDays(day);
            if (!days.contains(date.getDayOfWeek())) {
                continue;
            }
            LocalDateTime start = date.atTime(from);
            LocalDateTime end = (overnight() ? date.plusDays(1) : date).atTime(to);
            for (LocalDateTime boundary : List.of(start, end)) {
                if (boundary.isAfter(local) && (next == null || boundary.isBefore(next))) {
                    next = boundary;
                }
            }
        }
        return Optional.ofNullable(next);
    }

    public boolean activeAt(LocalDateTime local) {
        return occurrenceAt(local).isPresent();
    }
}
