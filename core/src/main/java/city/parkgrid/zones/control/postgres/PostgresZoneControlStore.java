package city.parkgrid.zones.control.postgres;

import static city.parkgrid.postgres.PostgresDatabase.prepare;
import static city.parkgrid.postgres.PostgresDatabase.update;

import city.parkgrid.money.Money;
import city.parkgrid.postgres.PostgresDatabase;
import city.parkgrid.zones.control.AuditEntry;
import city.parkgrid.zones.control.ControlSnapshot;
import city.parkgrid.zones.control.EventScope;
import city.parkgrid.zones.control.ManualControl;
import city.parkgrid.zones.control.Schedule;
import city.parkgrid.zones.control.Trigger;
import city.parkgrid.zones.control.ZoneControlStore;
import city.parkgrid.zones.control.ZoneMode;
import city.parkgrid.zones.control.ZonePolicy;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Zone control in PostgreSQL: it survives the restart of every node. Blocking; thread-safe. */
public final class PostgresZoneControlStore implements ZoneControlStore {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final PostgresDatabase database;

    public PostgresZoneControlStore(PostgresDatabase database) {
        this.database = database;
    }

    private <T> T tx(PostgresDatabase.Work<T> work) {
        return database.inTransaction(work, "reading or writing zone control");
    }

    @Override
    public void appendAudit(AuditEntry entry) {
        tx(c -> {
            audit(c, entry);
            return null;
        });
    }

    /**
     * Moves the control version in the change's own transaction: a node that reads the new version
     * reads the change with it. The one row serialises control changes, which come by the minute.
     */
    private static void bump(Connection c) throws SQLException {
        update(c, "UPDATE zone_control_version SET version = version + 1");
    }

    private static long version(Connection c) throws SQLException {
        try (PreparedStatement s = prepare(c, "SELECT version FROM zone_control_version");
                ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Override
    public long version() {
        return tx(PostgresZoneControlStore::version);
    }

    @Override
    public ControlSnapshot snapshot() {
        return tx(c -> {
            // the version first: a change committed while the rest is read shows as a newer version
            long version = version(c);
            Map<String, ManualControl> manual = new HashMap<>();
            for (ManualControl m : rows(c, MANUAL + " ORDER BY zone_id", PostgresZoneControlStore::manual)) {
                manual.put(m.zoneId(), m);
            }
            Map<String, List<Schedule>> schedules =
                    rows(c, SCHEDULES + " ORDER BY zone_id, id", PostgresZoneControlStore::schedule).stream()
                            .collect(Collectors.groupingBy(Schedule::zoneId));
            Map<String, Trigger> triggers = new HashMap<>();
            for (Trigger t : rows(c, TRIGGERS + " ORDER BY zone_id", PostgresZoneControlStore::trigger)) {
                triggers.put(t.zoneId(), t);
            }
            return new ControlSnapshot(version, manual, schedules, triggers, operatorClosedLots(c));
        });
    }

    /** Reads one row of a result set (positioned on it). */
    private interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private static <T> List<T> rows(Connection c, String sql, Row<T> row, Object... params) throws SQLException {
        List<T> found = new ArrayList<>();
        try (PreparedStatement s = prepare(c, sql, params);
                ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                found.add(row.read(rs));
            }
        }
        return found;
    }

    private static final String MANUAL =
            "SELECT zone_id, mode, policy::text, since, until, set_by, reason FROM zone_controls";

    private static ManualControl manual(ResultSet rs) throws SQLException {
        return new ManualControl(
                rs.getString(1),
                ZoneMode.valueOf(rs.getString(2)),
                policy(rs.getString(3)),
                instant(rs.getTimestamp(4)),
                instant(rs.getTimestamp(5)),
                rs.getString(6),
                rs.getString(7));
    }

    private static final String SCHEDULES =
            "SELECT zone_id, id, mode, policy::text, days, from_time, to_time, set_by FROM zone_schedules";

    private static Schedule schedule(ResultSet rs) throws SQLException {
        String[] days = (String[]) rs.getArray(5).getArray();
        return new Schedule(
                rs.getString(2),
                rs.getString(1),
                ZoneMode.valueOf(rs.getString(3)),
                policy(rs.getString(4)),
                Arrays.stream(days).map(DayOfWeek::valueOf).collect(Collectors.toSet()),
                rs.getObject(6, LocalTime.class),
                rs.getObject(7, LocalTime.class),
                rs.getString(8));
    }

    private static final String TRIGGERS = "SELECT zone_id, occupancy_above, for_minutes, release_below,"
            + " min_active_minutes, mode, policy::text, set_by, breach_since, active_since FROM zone_triggers";

    private static Trigger trigger(ResultSet rs) throws SQLException {
        return new Trigger(
                rs.getString(1),
                rs.getDouble(2),
                rs.getInt(3),
                rs.getDouble(4),
                rs.getInt(5),
                ZoneMode.valueOf(rs.getString(6)),
                policy(rs.getString(7)),
                rs.getString(8),
                instant(rs.getTimestamp(9)),
                instant(rs.getTimestamp(10)));
    }

    private static void audit(Connection c, AuditEntry a) throws SQLException {
        if (a != null) {
            update(
                    c,
                    "INSERT INTO zone_audit (zone_id, at, actor, action, detail) VALUES (?, ?, ?, ?, ?)",
                    a.zoneId(),
                    a.at(),
                    a.actor(),
                    a.action(),
                    a.detail());
        }
    }

    /**
     * A policy as the {@code policy} columns keep it: the surcharge as integer fen under
     * {@code surchargeFenPerHour}, the shape rows had before money was a type, so they read the same.
     */
    private record StoredPolicy(
            Double targetOccupancy,
            List<String> closedLots,
            Map<String, Integer> reservedSpaces,
            long surchargeFenPerHour,
            List<String> divertTo,
            EventScope eventScope,
            String bookingClosesAt) {

        static StoredPolicy from(ZonePolicy p) {
            return new StoredPolicy(
                    p.targetOccupancy(),
                    p.closedLots(),
                    p.reservedSpaces(),
                    p.surchargePerHour().fen(),
                    p.divertTo(),
                    p.eventScope(),
                    p.bookingClosesAt() == null ? null : p.bookingClosesAt().toString());
        }

        /** Rows written before events were scoped have neither field, and read as a control of the whole unit. */
        ZonePolicy toPolicy() {
            return new ZonePolicy(
                    targetOccupancy,
                    closedLots,
                    reservedSpaces,
                    Money.ofFen(surchargeFenPerHour),
                    divertTo,
                    eventScope,
                    bookingClosesAt == null ? null : LocalTime.parse(bookingClosesAt));
        }
    }

    private static PostgresDatabase.Jsonb jsonb(ZonePolicy policy) {
        try {
            return new PostgresDatabase.Jsonb(JSON.writeValueAsString(StoredPolicy.from(policy)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ZonePolicy policy(String json) {
        try {
            return JSON.readValue(json, StoredPolicy.class).toPolicy();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable policy " + json, e);
        }
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    @Override
    public Optional<ManualControl> findManual(String zoneId) {
        return tx(c -> rows(c, MANUAL + " WHERE zone_id = ?", PostgresZoneControlStore::manual, zoneId).stream()
                .findFirst());
    }

    @Override
    public void putManual(ManualControl m, AuditEntry entry) {
        tx(c -> {
            update(c, """
                    INSERT INTO zone_controls (zone_id, mode, policy, since, until, set_by, reason) VALUES (?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (zone_id) DO UPDATE SET mode = EXCLUDED.mode, policy = EXCLUDED.policy, since = EXCLUDED.since,
                        until = EXCLUDED.until, set_by = EXCLUDED.set_by, reason = EXCLUDED.reason""", m.zoneId(), m.mode().name(), jsonb(m.policy()), m.since(), m.until(), m.setBy(), m.reason());
            audit(c, entry);
            bump(c);
            return null;
        });
    }

    @Override
    public List<Schedule> listSchedules(String zoneId) {
        return tx(
                c -> rows(c, SCHEDULES + " WHERE zone_id = ? ORDER BY id", PostgresZoneControlStore::schedule, zoneId));
    }

    @Override
    public void addSchedule(Schedule sc, AuditEntry entry) {
        tx(c -> {
            try (PreparedStatement s = prepare(
                    c,
                    "INSERT INTO zone_schedules (id, zone_id, mode, policy, days, from_time,"
                            + " to_time, set_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    sc.id(),
                    sc.zoneId(),
                    sc.mode().name(),
                    jsonb(sc.policy()),
                    null,
                    sc.from(),
                    sc.to(),
                    sc.setBy())) {
                s.setArray(
                        5,
                        c.createArrayOf(
                                "text",
                                sc.days().stream().map(DayOfWeek::name).sorted().toArray()));
                s.executeUpdate();
            }
            audit(c, entry);
            bump(c);
            return null;
        });
    }

    @Override
    public boolean deleteSchedule(String zoneId, String scheduleId, AuditEntry entry) {
        return tx(c -> {
            boolean deleted =
                    update(c, "DELETE FROM zone_schedules WHERE zone_id = ? AND id = ?", zoneId, scheduleId) == 1;
            if (deleted) {
                audit(c, entry);
                bump(c);
            }
            return deleted;
        });
    }

    @Override
    public Optional<Trigger> findTrigger(String zoneId) {
        return tx(c -> rows(c, TRIGGERS + " WHERE zone_id = ?", PostgresZoneControlStore::trigger, zoneId).stream()
                .findFirst());
    }

    @Override
    public void putTrigger(Trigger t, AuditEntry entry) {
        tx(c -> {
            update(
                    c,
                    """
                    INSERT INTO zone_triggers (zone_id, occupancy_above, for_minutes, release_below, min_active_minutes, mode,
                        policy, set_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (zone_id) DO UPDATE SET occupancy_above = EXCLUDED.occupancy_above,
                        for_minutes = EXCLUDED.for_minutes, release_below = EXCLUDED.release_below,
                        min_active_minutes = EXCLUDED.min_active_minutes, mode = EXCLUDED.mode, policy = EXCLUDED.policy,
                        set_by = EXCLUDED.set_by, breach_since = NULL, active_since = NULL""",
                    t.zoneId(),
                    t.occupancyAbove(),
                    t.forMinutes(),
                    t.releaseBelow(),
                    t.minActiveMinutes(),
                    t.mode().name(),
                    jsonb(t.policy()),
                    t.setBy());
            audit(c, entry);
            bump(c);
            return null;
        });
    }

    @Override
    public boolean updateTriggerState(Trigger seen, Instant breachSince, Instant activeSince, AuditEntry entry) {
        return tx(c -> {
            boolean updated = update(
                            c,
                            "UPDATE zone_triggers SET breach_since = ?, active_since = ? WHERE zone_id = ?"
                                    + " AND breach_since IS NOT DISTINCT FROM ? AND active_since IS NOT DISTINCT FROM ?",
                            breachSince,
                            activeSince,
                            seen.zoneId(),
                            seen.breachSince(),
                            seen.activeSince())
                    == 1;
            if (updated) {
                audit(c, entry);
                bump(c);
            }
            return updated;
        });
    }

    @Override
    public Map<String, Boolean> operatorClosedLots() {
        return tx(PostgresZoneControlStore::operatorClosedLots);
    }

    private static Map<String, Boolean> operatorClosedLots(Connection c) throws SQLException {
        Map<String, Boolean> found = new HashMap<>();
        for (Map.Entry<String, Boolean> e : rows(
                c,
                "SELECT lot_id, closed FROM lot_operator_status",
                rs -> Map.entry(rs.getString(1), rs.getBoolean(2)))) {
            found.put(e.getKey(), e.getValue());
        }
        return found;
    }

    @Override
    public void putOperatorStatus(String lotId, boolean closed, AuditEntry entry) {
        tx(c -> {
            update(
                    c,
                    "INSERT INTO lot_operator_status (lot_id, closed) VALUES (?, ?) ON CONFLICT (lot_id)"
                            + " DO UPDATE SET closed = EXCLUDED.closed",
                    lotId,
                    closed);
            audit(c, entry);
            bump(c);
            return null;
        });
    }

    @Override
    public List<AuditEntry> listAudit(String zoneId) {
        return tx(c -> {
            List<AuditEntry> found = new ArrayList<>();
            try (PreparedStatement s = prepare(
                            c,
                            "SELECT at, actor, action, detail FROM zone_audit WHERE zone_id = ?" + " ORDER BY id DESC",
                            zoneId);
                    ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    found.add(new AuditEntry(
                            zoneId, rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getString(3), rs.getString(4)));
                }
            }
            return found;
        });
    }

    @Override
    public void recordMode(String zoneId, ZoneMode mode, Money surcharge, Instant at) {
        tx(c -> {
            // one writer per unit at a time, so nodes that notice the same change record it once
            try (PreparedStatement lock =
                    prepare(c, "SELECT pg_advisory_xact_lock(hashtext(?))", "zone-mode:" + zoneId)) {
                lock.execute();
            }
            Instant from = at;
            try (PreparedStatement s = prepare(
                            c,
                            "SELECT mode, surcharge_fen_per_hour, at FROM zone_mode_history WHERE zone_id = ?"
                                    + " ORDER BY id DESC LIMIT 1",
                            zoneId);
                    ResultSet rs = s.executeQuery()) {
                if (rs.next()) {
                    if (rs.getString(1).equals(mode.name()) && rs.getLong(2) == surcharge.fen()) {
                        return null;
                    }
                    Instant last = rs.getTimestamp(3).toInstant();
                    from = last.isAfter(at) ? last : at;
                }
            }
            update(
                    c,
                    "INSERT INTO zone_mode_history (zone_id, mode, surcharge_fen_per_hour, at) VALUES (?, ?, ?, ?)",
                    zoneId,
                    mode.name(),
                    surcharge.fen(),
                    from);
            return null;
        });
    }

    @Override
    public List<ModeRecord> listModes(String zoneId) {
        return tx(c -> {
            List<ModeRecord> found = new ArrayList<>();
            try (PreparedStatement s = prepare(
                            c,
                            "SELECT mode, surcharge_fen_per_hour, at FROM zone_mode_history"
                                    + " WHERE zone_id = ? ORDER BY id",
                            zoneId);
                    ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    found.add(new ModeRecord(
                            zoneId,
                            ZoneMode.valueOf(rs.getString(1)),
                            Money.ofFen(rs.getLong(2)),
                            rs.getTimestamp(3).toInstant()));
                }
            }
            return found;
        });
    }
}
