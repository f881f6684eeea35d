package city.parkgrid.zones.control.memory;

import city.parkgrid.money.Money;
import city.parkgrid.zones.control.AuditEntry;
import city.parkgrid.zones.control.ControlSnapshot;
import city.parkgrid.zones.control.ManualControl;
import city.parkgrid.zones.control.Schedule;
import city.parkgrid.zones.control.Trigger;
import city.parkgrid.zones.control.ZoneControlStore;
import city.parkgrid.zones.control.ZoneMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/** Zone control in this JVM (dev mode and fast tests). Thread-safe (synchronized). */
public final class InMemoryZoneControlStore implements ZoneControlStore {

    private final Map<String, ManualControl> manual = new HashMap<>();
    private final List<Schedule> schedules = new ArrayList<>();
    private final Map<String, Trigger> triggers = new HashMap<>();
    private final Map<String, Boolean> operatorClosed = new HashMap<>();
    private final List<AuditEntry> audit = new ArrayList<>();
    private final List<ModeRecord> modes = new ArrayList<>();
    private long version;

    @Override
    public synchronized long version() {
        return version;
    }

    @Override
    public synchronized ControlSnapshot snapshot() {
        return new ControlSnapshot(
                version,
                manual,
                schedules.stream()
                        .sorted(Comparator.comparing(Schedule::id))
                        .collect(Collectors.groupingBy(Schedule::zoneId)),
                triggers,
                operatorClosed);
    }

    @Override
    public synchronized Optional<ManualControl> findManual(String zoneId) {
        return Optional.ofNullable(manual.get(zoneId));
    }

    @Override
    public synchronized void appendAudit(AuditEntry entry) {
        audit.add(entry);
    }

    @Override
    public synchronized void putManual(ManualControl control, AuditEntry entry) {
        manual.put(control.zoneId(), control);
        audit.add(entry);
        version++;
    }

    @Override
    public synchronized List<Schedule> listSchedules(String zoneId) {
        return schedules.stream()
                .filter(s -> s.zoneId().equals(zoneId))
                .sorted(Comparator.comparing(Schedule::id))
                .toList();
    }

    @Override
    public synchronized void addSchedule(Schedule schedule, AuditEntry entry) {
        schedules.add(schedule);
        audit.add(entry);
        version++;
    }

    @Override
    public synchronized boolean deleteSchedule(String zoneId, String scheduleId, AuditEntry entry) {
        boolean removed = schedules.removeIf(s -> s.zoneId().equals(zoneId) && s.id().equals(scheduleId));
        if (removed) {
            audit.add(entry);
            version++;
        }
        return removed;
    }

    @Override
    public synchronized Optional<Trigger> findTrigger(String zoneId) {
        return Optional.ofNullable(triggers.get(zoneId));
    }

    @Override
    public synchronized void putTrigger(Trigger trigger, AuditEntry entry) {
        triggers.put(
                trigger.zoneId(),
                trigger.withState(null, null)); // a new or changed trigger starts afresh, as in PostgreSQL
        audit.add(entry);
        version++;
    }

    @Override
    public synchronized boolean updateTriggerState(
            Trigger seen, Instant breachSince, Instant activeSince, AuditEntry entry) {
        String zoneId = seen.zoneId();
        Trigger t = triggers.get(zoneId);
        if (t == null
                || !Objects.equals(t.breachSince(), seen.breachSince())
                || !Objects.equals(t.activeSince(), seen.activeSince())) {
            return false;
        }
        triggers.put(zoneId, t.withState(breachSince, activeSince));
        version++;
        if (entry != null) {
            audit.add(entry);
        }
        return true;
    }

    @Override
    public synchronized Map<String, Boolean> operatorClosedLots() {
        return Map.copyOf(operatorClosed);
    }

    @Override
    public synchronized void putOperatorStatus(String lotId, boolean closed, AuditEntry entry) {
        operatorClosed.put(lotId, closed);
        version++;
        if (entry != null) {
            audit.add(entry);
        }
    }

    @Override
    public synchronized List<AuditEntry> listAudit(String zoneId) {
        List<AuditEntry> found = new ArrayList<>(
                audit.stream().filter(a -> a.zoneId().equals(zoneId)).toList());
        Collections.reverse(found);
        return found;
    }

    @Override
    public synchronized void recordMode(String zoneId, ZoneMode mode, Money surcharge, Instant at) {
        Optional<ModeRecord> last =
                modes.stream().filter(m -> m.zoneId().equals(zoneId)).reduce((a, b) -> b);
        if (last.isEmpty()
                || last.get().mode() != mode
                || !last.get().surchargePerHour().equals(surcharge)) {
            modes.add(new ModeRecord(
                    zoneId,
                    mode,
                    surcharge,
                    last.isPresent() && last.get().at().isAfter(at) ? last.get().at() : at));
        }
    }

    @Override
    public synchronized List<ModeRecord> listModes(String zoneId) {
        return modes.stream().filter(m -> m.zoneId().equals(zoneId)).toList();
    }
}
