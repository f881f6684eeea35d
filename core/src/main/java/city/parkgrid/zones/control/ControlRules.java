package city.parkgrid.zones.control;

import city.parkgrid.CityTime;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which control is in force for a unit at a time. Pure; thread-safe. A manual control (until its
 * {@code until}; a NORMAL one only with an {@code until}) outranks a schedule (in its days and hours, Asia/Shanghai), which outranks an
 * active trigger; otherwise the unit is NORMAL.
 */
public final class ControlRules {


    private ControlRules() {
    }

    public static ZoneControl resolve(String zoneId, Optional<ManualControl> manual, List<Schedule> schedules,
            Optional<Trigger> trigger, Instant now) {
        if (manual.isPresent() && manual.get().overrides(now)) {
            ManualControl m = manual.get();
            return new ZoneControl(zoneId, m.mode(), m.policy(), m.since(), m.until(), m.setBy(), m.reason(), ControlSource.MANUAL);
        }
        ZonedDateTime local = now.atZone(CityTime.SHANGHAI);
        Optional<Schedule> scheduled = schedules.stream()
                .filter(s -> s.activeAt(local.getDayOfWeek(), local.toLocalTime()))
                .min(Comparator.comparing(Schedule::id));
        if (scheduled.isPresent()) {
            Schedule s = scheduled.get();
            Instant until = local.toLocalDate().atTime(s.to()).atZone(CityTime.SHANGHAI).toInstant();
            Instant since = local.toLocalDate().atTime(s.from()).atZone(CityTime.SHANGHAI).toInstant();
            return new ZoneControl(zoneId, s.mode(), s.policy(), since, until, "schedule:" + s.id(),
                    "scheduled " + s.days() + " " + s.from() + "–" + s.to(), ControlSource.SCHEDULE);
        }
        if (trigger.isPresent() && trigger.get().activeSince() != null) {
            Trigger t = trigger.get();
            return new ZoneControl(zoneId, t.mode(), t.policy(), t.activeSince(), null, "trigger",
                    String.format(Locale.ROOT, "occupancy above %.0f%% for %d minutes",
                            t.occupancyAbove() * 100, t.forMinutes()), ControlSource.TRIGGER);
        }
        return ZoneControl.normal(zoneId);
    }
}
