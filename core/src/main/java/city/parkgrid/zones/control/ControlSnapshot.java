package city.parkgrid.zones.control;

import city.parkgrid.CityTime;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything that decides which control is in force, for every unit at once, as the store held it
 * at {@code version}: what a node keeps in memory between two changes, so that it can resolve the
 * controls (and see a schedule start or a control run out) without reading the store again.
 * Immutable.
 *
 * @param version the store's {@link ZoneControlStore#version()} read before the rest, so a change
 *     that lands while the snapshot is read shows as a newer version, never as an older state
 * @param manual the bureau's manual control of each unit that has one
 * @param schedules each unit's schedules, by id
 * @param triggers each unit's trigger, with its state
 * @param operatorClosed lots their operators closed (lot id → true)
 */
public record ControlSnapshot(
        long version,
        Map<String, ManualControl> manual,
        Map<String, List<Schedule>> schedules,
        Map<String, Trigger> triggers,
        Map<String, Boolean> operatorClosed) {

    public ControlSnapshot {
        manual = Map.copyOf(manual);
        schedules = Map.copyOf(schedules);
        triggers = Map.copyOf(triggers);
        operatorClosed = Map.copyOf(operatorClosed);
    }

    /** The control in force in a unit at {@code now} by this snapshot ({@link ControlRules}). */
    public ZoneControl resolve(String zoneId, Instant now) {
        return ControlRules.resolve(
                zoneId,
                Optional.ofNullable(manual.get(zoneId)),
                schedules.getOrDefault(zoneId, List.of()),
                Optional.ofNullable(triggers.get(zoneId)),
                now);
    }

    /**
     * The first instant after {@code now} at which time alone may change a control in force: a
     * manual control's {@code until} or a schedule window's start or end (null: none). Triggers are
     * not counted: they move with occupancy and are evaluated on their own.
     */
    public Instant nextBoundary(Instant now) {
        Instant next = null;
        for (ManualControl m : manual.values()) {
            if (m.until() != null && m.until().isAfter(now)) {
                next = earlier(next, m.until());
            }
        }
        LocalDateTime local = LocalDateTime.ofInstant(now, CityTime.SHANGHAI);
        for (List<Schedule> unit : schedules.values()) {
            for (Schedule s : unit) {
                Optional<LocalDateTime> boundary = s.nextBoundaryAfter(local);
                if (boundary.isPresent()) {
                    next = earlier(
                            next, boundary.get().atZone(CityTime.SHANGHAI).toInstant());
                }
            }
        }
        return next;
    }

    private static Instant earlier(Instant a, Instant b) {
        return a == null || b.isBefore(a) ? b : a;
    }
}
