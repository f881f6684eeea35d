package city.parkgrid.zones.control;

import city.parkgrid.InvalidInputException;
import city.parkgrid.NotFoundException;
import city.parkgrid.Text;
import city.parkgrid.Times;
import city.parkgrid.lots.Lot;
import city.parkgrid.lots.LotCatalog;
import city.parkgrid.money.Money;
import city.parkgrid.zones.ZoneCatalog;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.ToDoubleFunction;

/**
 * The traffic bureau's management mechanism for parking units: manual controls, schedules and
 * triggers, which of them is in force, the operators' lot statuses it may overrule, and the audit
 * log of every change. Blocking (the store may be PostgreSQL); thread-safe.
 */
public final class ZoneControlService {

    private final ZoneControlStore store;
    private final ZoneCatalog zones;
    private final LotCatalog lots;

    public ZoneControlService(ZoneControlStore store, ZoneCatalog zones, LotCatalog lots) {
        this.store = store;
        this.zones = zones;
        this.lots = lots;
    }

    public List<Schedule> listSchedules(String zoneId) {
        return store.listSchedules(zoneId);
    }

    public Optional<Trigger> findTrigger(String zoneId) {
        return store.findTrigger(zoneId);
    }

    /** Records that the unit's mode changed at {@code at}, for the MANAGED surcharge. */
    public void recordMode(String zoneId, ZoneMode mode, Money surchargePerHour, Instant at) {
        store.recordMode(zoneId, mode, surchargePerHour, at);
    }

    /** The unit's recorded modes, oldest first. */
    public List<ZoneControlStore.ModeRecord> listModes(String zoneId) {
        return store.listModes(zoneId);
    }

    /** The control in force now, and why. */
    public ZoneControl current(String zoneId, Instant now) {
        return ControlRules.resolve(
                zoneId, store.findManual(zoneId), store.listSchedules(zoneId), store.findTrigger(zoneId), now);
    }

    /** Sets a manual control (bureau). Bad input names the field and changes nothing. */
    public ZoneControl setControl(
            String zoneId, ZoneMode mode, String reason, Instant until, ZonePolicy policy, String setBy, Instant now) {
        requireZone(zoneId);
        if (mode == null) {
            throw new InvalidInputException("mode", "must be NORMAL, MANAGED or EMERGENCY");
        }
        if (reason == null || reason.isBlank()) {
            throw new InvalidInputException("reason", "is required: say why, for the audit log and the drivers told");
        }
        Text.require("reason", reason, Text.MAX_REASON);
        Text.optional("setBy", setBy, Text.MAX_REFERENCE);
        if (until != null && !until.isAfter(now)) {
            throw new InvalidInputException("until", "lies in the past");
        }
        Times.requireInRange("until", until);
        validate(zoneId, policy, "policy");
        store.putManual(
                new ManualControl(zoneId, mode, policy, now, until, setBy, reason),
                new AuditEntry(
                        zoneId,
                        now,
                        setBy,
                        "control",
                        mode + (until == null ? "" : " until " + until) + ": " + reason));
        return current(zoneId, now);
    }

    public Schedule addSchedule(
            String zoneId,
            ZoneMode mode,
            ZonePolicy policy,
            Set<DayOfWeek> days,
            LocalTime from,
            LocalTime to,
            String setBy,
            Instant now) {
        requireZone(zoneId);
        if (mode == null || mode == ZoneMode.NORMAL) {
            throw new InvalidInputException("mode", "a schedule sets MANAGED or EMERGENCY");
        }
        if (days == null || days.isEmpty()) {
            throw new InvalidInputException("days", "name at least one day, e.g. [\"SAT\", \"SUN\"]");
        }
        if (from == null || to == null) {
            throw new InvalidInputException(from == null ? "from" : "to", "is required (local time, Asia/Shanghai)");
        }
        Times.requireWholeSeconds("from", from);
        Times.requireWholeSeconds("to", to);
        Text.optional("setBy", setBy, Text.MAX_REFERENCE);
        if (from.equals(to)) {
            throw new InvalidInputException(
                    "to",
                    "must differ from from; a to before from runs into the next day" + " (local times, Asia/Shanghai)");
        }
        validate(zoneId, policy, "policy");
        Schedule schedule =
                new Schedule(UUID.randomUUID().toString().substring(0, 8), zoneId, mode, policy, days, from, to, setBy);
        store.addSchedule(
                schedule,
                new AuditEntry(
                        zoneId, now, setBy, "schedule added", schedule.id() + ": " + mode + " " + schedule.describe()));
        return schedule;
    }

    public void deleteSchedule(String zoneId, String scheduleId, String setBy, Instant now) {
        requireZone(zoneId);
        if (!store.deleteSchedule(
                zoneId, scheduleId, new AuditEntry(zoneId, now, setBy, "schedule deleted", scheduleId))) {
            throw new NotFoundException(
                    "schedule", scheduleId, "no schedule '" + scheduleId + "' for unit '" + zoneId + "'");
        }
    }

    /**
     * Sets the unit's trigger. {@code releaseBelow} null: {@link Trigger#defaultReleaseBelow};
     * {@code minActiveMinutes} null: {@value Trigger#DEFAULT_MIN_ACTIVE_MINUTES}.
     */
    public Trigger putTrigger(
            String zoneId,
            double occupancyAbove,
            int forMinutes,
            Double releaseBelow,
            Integer minActiveMinutes,
            ZoneMode mode,
            ZonePolicy policy,
            String setBy,
            Instant now) {
        requireZone(zoneId);
        if (!(occupancyAbove > 0 && occupancyAbove <= 1)) {
            throw new InvalidInputException("occupancyAbove", "must be in (0, 1], was " + occupancyAbove);
        }
        if (forMinutes < 1 || forMinutes > 24 * 60) {
            throw new InvalidInputException("forMinutes", "must be between 1 and 1440");
        }
        double release = releaseBelow == null ? Trigger.defaultReleaseBelow(occupancyAbove) : releaseBelow;
        if (!(release > 0 && release < occupancyAbove)) {
            throw new InvalidInputException(
                    "releaseBelow",
                    "must be above 0 and below occupancyAbove (" + occupancyAbove + "), was " + release);
        }
        int minActive = minActiveMinutes == null ? Trigger.DEFAULT_MIN_ACTIVE_MINUTES : minActiveMinutes;
        if (minActive < 0 || minActive > 24 * 60) {
            throw new InvalidInputException("minActiveMinutes", "must be between 0 and 1440");
        }
        if (mode == null || mode == ZoneMode.NORMAL) {
            throw new InvalidInputException("mode", "a trigger sets MANAGED or EMERGENCY");
        }
        validate(zoneId, policy, "policy");
        Trigger trigger =
                new Trigger(zoneId, occupancyAbove, forMinutes, release, minActive, mode, policy, setBy, null, null);
        store.putTrigger(
                trigger,
                new AuditEntry(
                        zoneId,
                        now,
                        setBy,
                        "trigger set",
                        String.format(
                                Locale.ROOT,
                                "%s when above %.0f%% for %d minutes; held at least %d minutes, released below %.0f%%",
                                mode,
                                occupancyAbove * 100,
                                forMinutes,
                                minActive,
                                release * 100)));
        return trigger;
    }

    /**
     * Activates and releases triggers by the units' current demand (a share of capacity), with
     * the triggers' hysteresis ({@link Trigger#next}), recording each activation and release in the
     * audit log. Every node may call it; the store's compare-and-set on the state each node read
     * lets only one of them record a change.
     */
    public void evaluateTriggers(Instant now, ToDoubleFunction<String> fill) {
        evaluateTriggers(
                zones.listZones().stream()
                        .flatMap(zone -> store.findTrigger(zone.id()).stream())
                        .toList(),
                now,
                fill);
    }

    /**
     * As {@link #evaluateTriggers(Instant, ToDoubleFunction)}, from the triggers as the caller
     * last read them (a node's snapshot): true when this call moved one, i.e. the control version
     * moved. A trigger another node moved first is left alone (its compare-and-set fails).
     */
    public boolean evaluateTriggers(Collection<Trigger> seen, Instant now, ToDoubleFunction<String> fill) {
        boolean moved = false;
        for (Trigger t : seen) {
            Trigger next = t.next(fill.applyAsDouble(t.zoneId()), now);
            AuditEntry entry = null;
            if (next.active() && !t.active()) {
                entry = new AuditEntry(
                        t.zoneId(),
                        now,
                        "trigger",
                        "trigger activated",
                        t.mode()
                                + String.format(
                                        Locale.ROOT,
                                        ": above %.0f%% for %d minutes",
                                        t.occupancyAbove() * 100,
                                        t.forMinutes()));
            } else if (!next.active() && t.active()) {
                entry = new AuditEntry(
                        t.zoneId(),
                        now,
                        "trigger",
                        "trigger released",
                        String.format(
                                Locale.ROOT,
                                "occupancy under %.0f%% after at least %d minutes active",
                                t.releaseBelow() * 100,
                                t.minActiveMinutes()));
            }
            if (!Objects.equals(next.breachSince(), t.breachSince())
                    || !Objects.equals(next.activeSince(), t.activeSince())) {
                moved |= store.updateTriggerState(t, next.breachSince(), next.activeSince(), entry);
            }
        }
        return moved;
    }

    /** The control version ({@link ZoneControlStore#version}). */
    public long version() {
        return store.version();
    }

    /** Every unit's controls at once ({@link ZoneControlStore#snapshot}). */
    public ControlSnapshot snapshot() {
        return store.snapshot();
    }

    /**
     * An operator opens or closes its lot. While the bureau's control closes the lot, reopening it
     * is refused with the control named.
     */
    public void setLotStatus(Lot lot, boolean closed, String operator, Instant now) {
        if (!closed && lot.zoneId() != null) {
            ZoneControl control = current(lot.zoneId(), now);
            if (control.closes(lot.id())) {
                throw new ControlConflictException("lot '" + lot.id() + "' is closed by the bureau's " + control.mode()
                        + " control of unit '" + lot.zoneId() + "' ("
                        + control.source().name().toLowerCase(Locale.ROOT)
                        + ", since " + control.since() + ": " + control.reason() + ")");
            }
        }
        store.putOperatorStatus(
                lot.id(),
                closed,
                new AuditEntry(
                        lot.zoneId() == null ? "" : lot.zoneId(),
                        now,
                        operator,
                        closed ? "lot closed" : "lot opened",
                        lot.id()));
    }

    public Map<String, Boolean> operatorClosedLots() {
        return store.operatorClosedLots();
    }

    public List<AuditEntry> audit(String zoneId) {
        requireZone(zoneId);
        return store.listAudit(zoneId);
    }

    private void requireZone(String zoneId) {
        if (zones.findZone(zoneId).isEmpty()) {
            throw new NotFoundException("parking unit", zoneId);
        }
    }

    private void validate(String zoneId, ZonePolicy policy, String field) {
        if (policy == null) {
            return;
        }
        if (policy.targetOccupancy() != null && !(policy.targetOccupancy() > 0 && policy.targetOccupancy() <= 1)) {
            throw new InvalidInputException(
                    field + ".targetOccupancy", "must be in (0, 1], was " + policy.targetOccupancy());
        }
        for (String lotId : policy.closedLots()) {
            requireLotOf(zoneId, lotId, field + ".closedLots");
        }
        for (var reserved : policy.reservedSpaces().entrySet()) {
            Lot lot = requireLotOf(zoneId, reserved.getKey(), field + ".reservedSpaces");
            if (reserved.getValue() == null || reserved.getValue() < 0 || reserved.getValue() > lot.capacity()) {
                throw new InvalidInputException(
                        field + ".reservedSpaces",
                        "must be between 0 and the lot's capacity (" + lot.capacity() + ") for '" + lot.id() + "'");
            }
        }
        if (policy.surchargePerHour().isNegative()) {
            throw new InvalidInputException(field + ".surchargeFenPerHour", "must not be negative");
        }
        for (String divert : policy.divertTo()) {
            if (divert.equals(zoneId) || zones.findZone(divert).isEmpty()) {
                throw new InvalidInputException(field + ".divertTo", "'" + divert + "' is not another parking unit");
            }
        }
        if (policy.eventScope() != null) {
            if (policy.eventScope().lots().isEmpty()) {
                throw new InvalidInputException(field + ".eventScope.lots", "must name the lots the event fills");
            }
            for (String lotId : policy.eventScope().lots()) {
                requireLotOf(zoneId, lotId, field + ".eventScope.lots");
            }
            if (!(policy.eventScope().radiusMetres() > 0)) {
                throw new InvalidInputException(field + ".eventScope.radiusMetres", "must be more than 0");
            }
        }
    }

    private Lot requireLotOf(String zoneId, String lotId, String field) {
        Lot lot = lots.findLot(lotId).orElseThrow(() -> new InvalidInputException(field, "no lot '" + lotId + "'"));
        if (!zoneId.equals(lot.zoneId())) {
            throw new InvalidInputException(field, "lot '" + lotId + "' is not in unit '" + zoneId + "'");
        }
        return lot;
    }
}
