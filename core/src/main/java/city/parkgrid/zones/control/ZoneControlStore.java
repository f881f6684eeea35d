package city.parkgrid.zones.control;

import city.parkgrid.money.Money;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where controls, schedules, triggers, operators' lot statuses and the audit log are kept
 * (PostgreSQL in serve, so they survive the restart of every node; memory in dev). Blocking;
 * thread-safe.
 */
public interface ZoneControlStore {

    /**
     * The control version: a number that every change of a manual control, schedule, trigger
     * (its state too) or operator's lot status moves, in the same transaction as the change. Nodes
     * compare it each second, at a cost that does not grow with the city, to learn of a change
     * whose notice they missed.
     */
    long version();

    /** Every unit's controls and the operators' statuses, with the version read before them. */
    ControlSnapshot snapshot();

    Optional<ManualControl> findManual(String zoneId);

    void putManual(ManualControl control, AuditEntry audit);

    List<Schedule> listSchedules(String zoneId);

    void addSchedule(Schedule schedule, AuditEntry audit);

    /** False when there was no such schedule. */
    boolean deleteSchedule(String zoneId, String scheduleId, AuditEntry audit);

    Optional<Trigger> findTrigger(String zoneId);

    /** Sets or replaces the unit's trigger; its state (breach, activation) starts afresh. */
    void putTrigger(Trigger trigger, AuditEntry audit);

    /**
     * Moves a trigger's state from the one the caller {@code seen} (its breach and active times)
     * to {@code breachSince} and {@code activeSince}; false (and nothing written) when another node
     * or the bureau changed it first. An audit entry, if given, is written with it.
     */
    boolean updateTriggerState(Trigger seen, Instant breachSince, Instant activeSince, AuditEntry audit);

    /** Lots their operators closed (lot id → true). */
    Map<String, Boolean> operatorClosedLots();

    void putOperatorStatus(String lotId, boolean closed, AuditEntry audit);

    /** Newest first. */
    List<AuditEntry> listAudit(String zoneId);

    /** Adds an entry for a change kept elsewhere (a unit's pricing policy, its reviews). */
    void appendAudit(AuditEntry entry);

    /**
     * Records that the unit's control in force is now {@code mode} (with its surcharge) unless
     * that is already the latest record; the history prices the MANAGED surcharge. A change is
     * never recorded as earlier than the latest record, so the history stays in time order.
     */
    void recordMode(String zoneId, ZoneMode mode, Money surchargePerHour, Instant at);

    /** The recorded modes of a unit, oldest first. */
    List<ModeRecord> listModes(String zoneId);

    /** From {@code at} on, the unit was in {@code mode} with this surcharge. */
    record ModeRecord(String zoneId, ZoneMode mode, Money surchargePerHour, Instant at) {}
}
