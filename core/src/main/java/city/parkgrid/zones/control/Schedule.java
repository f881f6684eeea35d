package city.parkgrid.zones.control;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.Set;

/** A recurring control: on these days, from..to local time (Asia/Shanghai). Immutable. */
public record Schedule(String id, String zoneId, ZoneMode mode, ZonePolicy policy, Set<DayOfWeek> days, LocalTime from,
        LocalTime to, String setBy) {

    public Schedule {
        days = Set.copyOf(days);
    }

    public boolean activeAt(DayOfWeek day, LocalTime time) {
        return days.contains(day) && !time.isBefore(from) && time.isBefore(to);
    }
}
