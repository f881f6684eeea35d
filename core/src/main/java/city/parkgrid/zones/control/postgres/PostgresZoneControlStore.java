package city.parkgrid.zones.control.postgres;

import static city.parkgrid.postgres.PostgresDatabase.prepare;
import static city.parkgrid.postgres.PostgresDatabase.update;

import city.parkgrid.money.Money;
import city.parkgrid.postgres.PostgresDatabase;
import city.parkgrid.zones.control.AuditEntry;
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
            List<String> divertTo) {

        static StoredPolicy from(ZonePolicy p) {
            return new StoredPolicy(
                    p.targetOccupancy(),
                    p.closedLots(),
                    p.reservedSpaces(),
                    p.surchargePerHour().fen(),
                    p.divertTo());
        }

        ZonePolicy toPolicy() {
            return new ZonePolicy(
                    targetOccupancy, closedLots, reservedSpaces, Money.ofFen(surchargeFenPerHour), divertTo);
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
        return tx(c -> {
            try (PreparedStatement s = prepare(
                            c,
                            "SELECT mode, policy::text, since, until, set_by, reason FROM zone_controls"
                                    + " WHERE zone_id = ?",
                            zoneId);
                    ResultSet rs = s.executeQuery()) {
                return rs.next()
                        ? Optional.of(new ManualControl(
                                zoneId,
                                ZoneMode.valueOf(rs.getString(1)),
                                policy(rs.getString(2)),
                                instant(rs.getTimestamp(3)),
                                instant(rs.getTimestamp(4)),
                                rs.getString(5),
                                rs.getString(6)))
                        : Optional.empty();
            }
        });
    }

    @Override
    public void putManual(ManualControl m, AuditEntry entry) {
        tx(c -> {
            update(c, """
                    INSERT INTO zone_controls (zone_id, mode, policy, since, until, set_by, reason) VALUES (?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (zone_id) DO UPDATE SET mode = EXCLUDED.mode, policy = EXCLUDED.policy, since = EXCLUDED.since,
                        until = EXCLUDED.until, set_by = EXCLUDED.set_by, reason = EXCLUDED.reason""", m.zoneId(), m.mode().name(), jsonb(m.policy()), m.since(), m.until(), m.setBy(), m.reason());
            audit(c, entry);
            return null;
        });
    }

    @Override
    public List<Schedule> listSchedules(String zoneId) {
        return tx(c -> {
            List<Schedule> found = new ArrayList<>();
            try (PreparedStatement s = prepare(
                            c,
                            "SELECT id, mode, policy::text, days, from_time, to_time, set_by"
                                    + " FROM zone_schedules WHERE zone_id = ? ORDER BY id",
                            zoneId);
                    ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    String[] days = (String[]) rs.getArray(4).getArray();
                    found.add(new Schedule(
                            rs.getString(1),
                            zoneId,
                            ZoneMode.valueOf(rs.getString(2)),
                            policy(rs.getString(3)),
                            Arrays.stream(days).map(DayOfWeek::valueOf).collect(Collectors.toSet()),
                            rs.getObject(5, LocalTime.class),
                            rs.getObject(6, LocalTime.class),
                            rs.getString(7)));
                }
            }
            return found;
        });
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
            }
            return deleted;
        });
    }

    @Override
    public Optional<Trigger> findTrigger(String zoneId) {
        return tx(c -> {
            try (PreparedStatement s = prepare(
                            c,
                            "SELECT occupancy_above, for_minutes, release_below, min_active_minutes, mode,"
                                    + " policy::text, set_by, breach_since, active_since FROM zone_triggers WHERE zone_id = ?",
                            zoneId);
                    ResultSet rs = s.executeQuery()) {
                return rs.next()
                        ? Optional.of(new Trigger(
                                zoneId,
                                rs.getDouble(1),
                                rs.getInt(2),
                                rs.getDouble(3),
                                rs.getInt(4),
                                ZoneMode.valueOf(rs.getString(5)),
                                policy(rs.getString(6)),
                                rs.getString(7),
                                instant(rs.getTimestamp(8)),
                                instant(rs.getTimestamp(9))))
                        : Optional.empty();
            }
        });
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
            }
            return updated;
        });
    }

    @Override
    public Map<String, Boolean> operatorClosedLots() {
        return tx(c -> {
            Map<String, Boolean> found = new HashMap<>();
            try (PreparedStatement s = prepare(c, "SELECT lot_id, closed FROM lot_operator_status");
                    ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    found.put(rs.getString(1), rs.getBoolean(2));
                }
            }
            return found;
        });
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
