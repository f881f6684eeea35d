package city.parkgrid.zones.control;

import city.parkgrid.CityTime;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which control is in force for a unit at a time. Pure; thread-safe. A manual control (until its
 * {@code until}; a NORMAL one only with an {@code until}) outranks a schedule (in its days and hours, Asia/Shanghai), which outranks an
 * active trigger; otherwise the unit is NORMAL. An overnight schedule's {@code since} and {@code until}
 * are those of the occurrence in force, which may have begun the day before.
 */
public final class ControlRules {

    private ControlRules() {}

    public static ZoneControl resolve(
            String zoneId,
            Optional<ManualControl> manual,
            List<Schedule> schedules,
            Optional<Trigger> trigger,
            Instant now) {
        if (manual.isPresent() && manual.get().overrides(now)) {
            ManualControl m = manual.get();
            return new ZoneControl(
                    zoneId, m.mode(), m.policy(), m.since(), m.until(), m.setBy(), m.reason(), ControlSource.MANUAL);
        }
        LocalDateTime local = LocalDateTime.ofInstant(now, CityTime.SHANGHAI);
        // the lowest id wins where schedules overlap, as before
        for (Schedule s :
                schedules.stream().sorted(Comparator.comparing(Schedule::id)).toList()) {
            Optional<Schedule.Occurrence> occurrence = s.occurrenceAt(local);
            if (occurrence.isEmpty()) {
                continue;
            }
            // from the occurrence, not today's date: at 03:00 an overnight window began yesterday
            Instant since = occurrence.get().start().atZone(CityTime.SHANGHAI).toInstant();
            Instant until = occurrence.get().end().atZone(CityTime.SHANGHAI).toInstant();
            return new ZoneControl(
                    zoneId,
                    s.mode(),
                    s.policy(),
                    since,
                    until,
                    "schedule:" + s.id(),
                    "scheduled " + Schedule.dayAndTime(occurrence.get().start().getDayOfWeek(), s.from()) + " → "
                            + Schedule.dayAndTime(occurrence.get().end().getDayOfWeek(), s.to()) + " (Asia/Shanghai)",
                    ControlSource.SCHEDULE);
        }
        if (trigger.isPresent() && trigger.get().activeSince() != null) {
            Trigger t = trigger.get();
            return new ZoneControl(
                    zoneId,
                    t.mode(),
                    t.policy(),
                    t.activeSince(),
                    null,
                    "trigger",
                    String.format(
                            Locale.ROOT,
                            "occupancy above %.0f%% for %d minutes (held at least %d minutes, then until"
                                    + " below %.0f%%)",
                            t.occupancyAbove() * 100,
                            t.forMinutes(),
                            t.minActiveMinutes(),
                            t.releaseBelow() * 100),
                    ControlSource.TRIGGER);
        }
        return ZoneControl.normal(zoneId);
    }
}
