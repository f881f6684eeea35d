package city.parkgrid.occupancy.postgres;

import city.parkgrid.occupancy.GateEvent;
import city.parkgrid.occupancy.GateEventType;
import city.parkgrid.occupancy.HoldRequest;
import city.parkgrid.occupancy.HoldStatus;
import city.parkgrid.occupancy.LiveChange;
import city.parkgrid.occupancy.LiveJournal;
import city.parkgrid.occupancy.LotCheckpoint;
import city.parkgrid.postgres.PostgresDatabase;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The live journal in PostgreSQL ({@code live_journal}, V8): one row per change, keyed by lot and
 * the version the change produced, the change itself as jsonb. Blocking; thread-safe.
 */
public final class PostgresLiveJournal implements LiveJournal {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Rows fetched per round trip when replaying. */
    private static final int FETCH_SIZE = 5_000;

    private final PostgresDatabase database;

    public PostgresLiveJournal(PostgresDatabase database) {
        this.database = database;
    }

    @Override
    public void append(LiveChange change) {
        database.inTransaction(
                c -> PostgresDatabase.update(
                        c,
                        "INSERT INTO live_journal (lot_id, version, applied_at, entry) VALUES (?, ?, ?, ?)"
                                + " ON CONFLICT (lot_id, version) DO NOTHING",
                        change.lotId(),
                        change.version(),
                        change.now(),
                        new PostgresDatabase.Jsonb(encode(change))),
                "journalling a change of lot " + change.lotId());
    }

    @Override
    public void appendAll(List<LiveChange> changes) {
        if (changes.size() == 1) {
            append(changes.get(0));
            return;
        }
        database.inTransaction(c -> insert(c, changes), "journalling " + changes.size() + " changes of live state");
    }

    @Override
    public void appendAll(List<LiveChange> changes, long fencedUnder) {
        database.inTransaction(
                c -> {
                    // FOR SHARE: appends run side by side, and a restore's UPDATE waits for them
                    long current = epoch(c, " FOR SHARE");
                    if (current != fencedUnder) {
                        throw new EpochMovedOnException(fencedUnder, current);
                    }
                    return insert(c, changes);
                },
                "journalling " + changes.size() + " changes of live state");
    }

    private static int insert(java.sql.Connection c, List<LiveChange> changes) throws java.sql.SQLException {
        String[] lots = new String[changes.size()];
        Long[] versions = new Long[changes.size()];
        java.sql.Timestamp[] at = new java.sql.Timestamp[changes.size()];
        String[] entries = new String[changes.size()];
        for (int i = 0; i < lots.length; i++) {
            LiveChange change = changes.get(i);
            lots[i] = change.lotId();
            versions[i] = change.version();
            at[i] = java.sql.Timestamp.from(change.now());
            entries[i] = encode(change);
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO live_journal (lot_id, version, applied_at, entry)"
                + " SELECT l, v, a, e::jsonb FROM unnest(?::text[], ?::bigint[], ?::timestamptz[], ?::text[])"
                + " AS i(l, v, a, e) ON CONFLICT (lot_id, version) DO NOTHING")) {
            s.setArray(1, c.createArrayOf("text", lots));
            s.setArray(2, c.createArrayOf("bigint", versions));
            s.setArray(3, c.createArrayOf("timestamptz", at));
            s.setArray(4, c.createArrayOf("text", entries));
            return s.executeUpdate();
        }
    }

    private static long epoch(java.sql.Connection c, String lock) throws java.sql.SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT epoch FROM live_epoch" + lock);
                ResultSet r = s.executeQuery()) {
            r.next();
            return r.getLong(1);
        }
    }

    @Override
    public void replay(Consumer<LiveChange> into) {
        database.inTransaction(
                c -> {
                    replay(c, into);
                    return null;
                },
                "reading the live journal");
    }

    @Override
    public long restore(Consumer<LotCheckpoint> checkpoints, Consumer<LiveChange> into) {
        return database.inTransaction(
                c -> {
                    // the row lock waits for every append under way (FOR SHARE) and holds back every
                    // later one until this commits; the reads below, statements after the lock,
                    // see every row those committed (READ COMMITTED takes a snapshot per statement)
                    long moved;
                    try (PreparedStatement s =
                                    c.prepareStatement("UPDATE live_epoch SET epoch = epoch + 1 RETURNING epoch");
                            ResultSet r = s.executeQuery()) {
                        r.next();
                        moved = r.getLong(1);
                    }
                    try (PreparedStatement s = c.prepareStatement(
                            "SELECT lot_id, version, taken_at, state FROM live_checkpoint ORDER BY lot_id")) {
                        s.setFetchSize(FETCH_SIZE);
                        try (ResultSet rows = s.executeQuery()) {
                            while (rows.next()) {
                                checkpoints.accept(new LotCheckpoint(
                                        rows.getString(1),
                                        rows.getLong(2),
                                        rows.getTimestamp(3).toInstant(),
                                        rows.getString(4)));
                            }
                        }
                    }
                    replay(
                            c,
                            "SELECT j.lot_id, j.version, j.entry FROM live_journal j"
                                    + " LEFT JOIN live_checkpoint k ON k.lot_id = j.lot_id"
                                    + " WHERE k.version IS NULL OR j.version > k.version"
                                    + " ORDER BY j.lot_id, j.version",
                            into);
                    return moved;
                },
                "restoring from the live journal");
    }

    private static void replay(java.sql.Connection c, Consumer<LiveChange> into) throws java.sql.SQLException {
        replay(c, "SELECT lot_id, version, entry FROM live_journal ORDER BY lot_id, version", into);
    }

    private static void replay(java.sql.Connection c, String query, Consumer<LiveChange> into)
            throws java.sql.SQLException {
        try (PreparedStatement s = c.prepareStatement(query)) {
            s.setFetchSize(FETCH_SIZE); // a cursor: the transaction is open
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    into.accept(decode(rows.getString(1), rows.getLong(2), rows.getString(3)));
                }
            }
        }
    }

    @Override
    public void checkpoint(LotCheckpoint checkpoint, long fencedUnder) {
        database.inTransaction(
                c -> {
                    long current = epoch(c, " FOR SHARE");
                    if (current != fencedUnder) {
                        throw new EpochMovedOnException(fencedUnder, current);
                    }
                    PostgresDatabase.update(
                            c,
                            "INSERT INTO live_checkpoint (lot_id, version, taken_at, state) VALUES (?, ?, ?, ?)"
                                    + " ON CONFLICT (lot_id) DO UPDATE SET version = EXCLUDED.version,"
                                    + " taken_at = EXCLUDED.taken_at, state = EXCLUDED.state"
                                    + " WHERE live_checkpoint.version < EXCLUDED.version",
                            checkpoint.lotId(),
                            checkpoint.version(),
                            checkpoint.takenAt(),
                            checkpoint.payload());
                    return PostgresDatabase.update(
                            c,
                            "DELETE FROM live_journal WHERE lot_id = ?"
                                    + " AND version <= (SELECT version FROM live_checkpoint WHERE lot_id = ?)",
                            checkpoint.lotId(),
                            checkpoint.lotId());
                },
                "keeping a checkpoint of lot " + checkpoint.lotId());
    }

    @Override
    public List<String> lotsToCompact(int aboveChanges, int limit) {
        return database.inTransaction(
                c -> {
                    try (PreparedStatement s = c.prepareStatement("SELECT j.lot_id FROM live_journal j"
                            + " LEFT JOIN live_checkpoint k ON k.lot_id = j.lot_id"
                            + " WHERE k.version IS NULL OR j.version > k.version"
                            + " GROUP BY j.lot_id HAVING count(*) > ? ORDER BY count(*) DESC LIMIT ?")) {
                        s.setInt(1, aboveChanges);
                        s.setInt(2, limit);
                        List<String> lots = new ArrayList<>();
                        try (ResultSet r = s.executeQuery()) {
                            while (r.next()) {
                                lots.add(r.getString(1));
                            }
                        }
                        return lots;
                    }
                },
                "finding the lots whose live journal has grown");
    }

    @Override
    public long epoch() {
        return database.inTransaction(c -> epoch(c, ""), "reading the live journal's epoch");
    }

    @Override
    public boolean isEmpty() {
        return database.inTransaction(
                c -> {
                    try (PreparedStatement s = c.prepareStatement(
                                    "SELECT NOT EXISTS (SELECT 1 FROM live_journal) AND NOT EXISTS (SELECT 1 FROM live_checkpoint)");
                            ResultSet r = s.executeQuery()) {
                        r.next();
                        return r.getBoolean(1);
                    }
                },
                "reading the live journal");
    }

    static String encode(LiveChange change) {
        ObjectNode o = JSON.createObjectNode();
        o.put("now", change.now().toEpochMilli());
        if (change instanceof LiveChange.Register r) {
            o.put("op", "register").put("capacity", r.capacity());
        } else if (change instanceof LiveChange.Configure r) {
            o.put("op", "configure").put("closed", r.closed()).put("reserved", r.reserved());
        } else if (change instanceof LiveChange.Snapshot r) {
            o.put("op", "snapshot").put("occupied", r.occupied()).put("at", r.at().toEpochMilli());
        } else if (change instanceof LiveChange.Held r) {
            o.put("op", "hold")
                    .put("holdId", r.request().holdId())
                    .put("plate", r.request().plate())
                    .put("driverId", r.request().driverId())
                    .put("expiresAt", r.request().expiresAt().toEpochMilli());
        } else if (change instanceof LiveChange.Ended r) {
            o.put("op", "end").put("holdId", r.holdId()).put("endAs", r.endAs().name());
        } else {
            LiveChange.Events r = (LiveChange.Events) change;
            ArrayNode events = o.put("op", "events").putArray("events");
            for (GateEvent e : r.events()) {
                ObjectNode event = events.addObject()
                        .put("id", e.eventId())
                        .put("type", e.type().name())
                        .put("plate", e.plate())
                        .put("at", e.at().toEpochMilli());
                if (e.gate() != null) {
                    event.put("gate", e.gate());
                }
            }
        }
        return o.toString();
    }

    static LiveChange decode(String lotId, long version, String entry) {
        JsonNode o;
        try {
            o = JSON.readTree(entry);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable journal entry of lot " + lotId + " version " + version, e);
        }
        Instant now = Instant.ofEpochMilli(o.get("now").asLong());
        return switch (o.get("op").asText()) {
            case "register" ->
                new LiveChange.Register(lotId, version, now, o.get("capacity").asInt());
            case "configure" ->
                new LiveChange.Configure(
                        lotId,
                        version,
                        now,
                        o.get("closed").asBoolean(),
                        o.get("reserved").asInt());
            case "snapshot" ->
                new LiveChange.Snapshot(
                        lotId,
                        version,
                        now,
                        o.get("occupied").asInt(),
                        Instant.ofEpochMilli(o.get("at").asLong()));
            case "hold" ->
                new LiveChange.Held(
                        lotId,
                        version,
                        now,
                        new HoldRequest(
                                o.get("holdId").asText(),
                                lotId,
                                o.get("plate").asText(),
                                o.get("driverId").asText(),
                                Instant.ofEpochMilli(o.get("expiresAt").asLong())));
            case "end" ->
                new LiveChange.Ended(
                        lotId,
                        version,
                        now,
                        o.get("holdId").asText(),
                        HoldStatus.valueOf(o.get("endAs").asText()));
            case "events" -> {
                List<GateEvent> events = new ArrayList<>();
                for (JsonNode e : o.get("events")) {
                    events.add(new GateEvent(
                            e.get("id").asText(),
                            GateEventType.valueOf(e.get("type").asText()),
                            e.get("plate").asText(),
                            Instant.ofEpochMilli(e.get("at").asLong()),
                            e.hasNonNull("gate") ? e.get("gate").asText() : null));
                }
                yield new LiveChange.Events(lotId, version, now, events);
            }
            default -> throw new IllegalStateException("unknown journal entry " + o.get("op") + " of lot " + lotId);
        };
    }
}
