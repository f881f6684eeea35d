package city.parkgrid.history.postgres;

import city.parkgrid.history.LotChange;
import city.parkgrid.history.OccupancyHistoryStore;
import city.parkgrid.history.OccupancySample;
import city.parkgrid.history.StepWrite;
import city.parkgrid.occupancy.LotStatus;
import city.parkgrid.postgres.PostgresDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * History in PostgreSQL: {@code occupancy_samples}, range-partitioned by month (UTC), and {@code
 * lot_changes} (V5). Each step is one statement, whichever node sends it: the samples as arrays,
 * {@code INSERT ... ON CONFLICT DO NOTHING} on the key (lot, time), and the changes derived in the
 * same statement from the rows that statement actually inserted, so only the node whose write
 * won records them. The month partitions are created here, ahead of the writes that need them.
 * Blocking; thread-safe.
 */
public final class PostgresOccupancyHistoryStore implements OccupancyHistoryStore {

    /** Rows per INSERT of an import (all in one transaction). */
    static final int IMPORT_CHUNK = 10_000;

    /** Rows fetched per round trip when scanning. */
    static final int FETCH_SIZE = 5_000;

    private static final Pattern PARTITION = Pattern.compile("occupancy_samples_p(\\d{4})(\\d{2})");

    private static final String RECORD_STEP = """
            WITH input AS (
                SELECT * FROM unnest(?::text[], ?::int[], ?::int[], ?::int[], ?::smallint[])
                    AS i(lot_id, occupied, held, capacity, status)
            ), inserted AS (
                INSERT INTO occupancy_samples (at, occupied, held, capacity, status, imported, lot_id)
                SELECT ?, occupied, held, capacity, status, false, lot_id FROM input
                ON CONFLICT (lot_id, at) DO NOTHING
                RETURNING lot_id, at, capacity, status
            ), changed AS (
                INSERT INTO lot_changes (lot_id, at, capacity, status, previous_capacity, previous_status)
                SELECT n.lot_id, n.at, n.capacity, n.status, p.capacity, p.status
                FROM inserted n LEFT JOIN LATERAL (
                    SELECT c.capacity, c.status FROM lot_changes c
                    WHERE c.lot_id = n.lot_id AND c.at < n.at ORDER BY c.at DESC LIMIT 1) p ON true
                WHERE p.capacity IS DISTINCT FROM n.capacity OR p.status IS DISTINCT FROM n.status
                ON CONFLICT (lot_id, at) DO NOTHING
                RETURNING 1
            )
            SELECT (SELECT count(*) FROM inserted), (SELECT count(*) FROM changed)""";

    private static final String IMPORT = """
            WITH inserted AS (
                INSERT INTO occupancy_samples (at, occupied, held, capacity, status, imported, lot_id)
                SELECT at, occupied, 0, capacity, NULL, true, lot_id
                FROM unnest(?::text[], ?::timestamptz[], ?::int[], ?::int[]) AS i(lot_id, at, occupied, capacity)
                ON CONFLICT (lot_id, at) DO NOTHING
                RETURNING 1
            )
            SELECT count(*) FROM inserted""";

    private static final String COLUMNS = "lot_id, at, occupied, held, capacity, status, imported";

    private final PostgresDatabase database;
    /** Months whose partition this node knows to exist. */
    private final Set<YearMonth> ready = ConcurrentHashMap.newKeySet();

    public PostgresOccupancyHistoryStore(PostgresDatabase database) {
        this.database = database;
    }

    @Override
    public StepWrite recordStep(Instant step, List<OccupancySample> samples) {
        for (OccupancySample s : samples) {
            if (!s.at().equals(step) || s.source() != OccupancySample.Source.LIVE) {
                throw new IllegalArgumentException("a step's samples are live ones at " + step + ", not " + s);
            }
        }
        YearMonth month = month(step);
        ensurePartitions(List.of(month, month.plusMonths(1))); // the next month ahead of its first step
        List<OccupancySample> sorted = new ArrayList<>(samples);
        sorted.sort(Comparator.comparing(OccupancySample::lotId)); // one lock order for every writer
        return database.inTransaction(
                c -> {
                    try (PreparedStatement s = c.prepareStatement(RECORD_STEP)) {
                        int n = sorted.size();
                        String[] ids = new String[n];
                        Integer[] occupied = new Integer[n];
                        Integer[] held = new Integer[n];
                        Integer[] capacity = new Integer[n];
                        Short[] status = new Short[n];
                        for (int i = 0; i < n; i++) {
                            OccupancySample x = sorted.get(i);
                            ids[i] = x.lotId();
                            occupied[i] = x.occupied();
                            held[i] = x.held();
                            capacity[i] = x.capacity();
                            status[i] = (short) x.status().ordinal();
                        }
                        s.setArray(1, c.createArrayOf("text", ids));
                        s.setArray(2, c.createArrayOf("int4", occupied));
                        s.setArray(3, c.createArrayOf("int4", held));
                        s.setArray(4, c.createArrayOf("int4", capacity));
                        s.setArray(5, c.createArrayOf("int2", status));
                        s.setObject(6, utc(step));
                        try (ResultSet rs = s.executeQuery()) {
                            rs.next();
                            return new StepWrite(rs.getInt(1), rs.getInt(2));
                        }
                    }
                },
                "recording the occupancy step " + step);
    }

    @Override
    public int importSamples(List<OccupancySample> samples) {
        Set<YearMonth> months = new TreeSet<>();
        samples.forEach(s -> months.add(month(s.at())));
        ensurePartitions(months);
        List<OccupancySample> sorted = new ArrayList<>(samples);
        sorted.sort(Comparator.comparing(OccupancySample::lotId).thenComparing(OccupancySample::at));
        return database.inImportTransaction(
                c -> {
                    int inserted = 0;
                    try (PreparedStatement s = c.prepareStatement(IMPORT)) {
                        for (int from = 0; from < sorted.size(); from += IMPORT_CHUNK) {
                            List<OccupancySample> chunk =
                                    sorted.subList(from, Math.min(sorted.size(), from + IMPORT_CHUNK));
                            int n = chunk.size();
                            String[] ids = new String[n];
                            String[] at = new String[n];
                            Integer[] occupied = new Integer[n];
                            Integer[] capacity = new Integer[n];
                            for (int i = 0; i < n; i++) {
                                OccupancySample x = chunk.get(i);
                                ids[i] = x.lotId();
                                at[i] = x.at().toString();
                                occupied[i] = x.occupied();
                                capacity[i] = x.capacity();
                            }
                            s.setArray(1, c.createArrayOf("text", ids));
                            s.setArray(2, c.createArrayOf("text", at));
                            s.setArray(3, c.createArrayOf("int4", occupied));
                            s.setArray(4, c.createArrayOf("int4", capacity));
                            try (ResultSet rs = s.executeQuery()) {
                                rs.next();
                                inserted += rs.getInt(1);
                            }
                        }
                    }
                    return inserted;
                },
                "importing " + samples.size() + " occupancy samples");
    }

    @Override
    public List<OccupancySample> samples(String lotId, Instant from, Instant to) {
        List<OccupancySample> out = new ArrayList<>();
        scan(List.of(lotId), from, to, out::add);
        return out;
    }

    @Override
    public void scan(Collection<String> lotIds, Instant from, Instant to, Consumer<OccupancySample> sink) {
        if (lotIds.isEmpty() || !from.isBefore(to)) {
            return;
        }
        String[] ids = new TreeSet<>(lotIds).toArray(String[]::new);
        database.inTransaction(
                c -> {
                    // a cursor (fetch size, outside autocommit): a year of a unit's lots is never all in memory
                    try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS
                            + " FROM occupancy_samples WHERE lot_id = ANY(?) AND at >= ? AND at < ?"
                            + " ORDER BY lot_id, at")) {
                        s.setFetchSize(FETCH_SIZE);
                        s.setArray(1, c.createArrayOf("text", ids));
                        s.setObject(2, utc(from));
                        s.setObject(3, utc(to));
                        try (ResultSet rs = s.executeQuery()) {
                            while (rs.next()) {
                                sink.accept(sample(rs));
                            }
                        }
                    }
                    return null;
                },
                "reading the occupancy history of " + (ids.length == 1 ? ids[0] : ids.length + " lots"));
    }

    @Override
    public List<LotChange> changes(String lotId, Instant from, Instant to) {
        return database.inTransaction(
                c -> {
                    List<LotChange> out = new ArrayList<>();
                    try (PreparedStatement s = c.prepareStatement(
                            "SELECT at, capacity, status, previous_capacity, previous_status FROM lot_changes"
                                    + " WHERE lot_id = ? AND at >= ? AND at < ? ORDER BY at")) {
                        s.setString(1, lotId);
                        s.setObject(2, utc(from));
                        s.setObject(3, utc(to));
                        try (ResultSet rs = s.executeQuery()) {
                            while (rs.next()) {
                                out.add(new LotChange(
                                        lotId,
                                        rs.getObject(1, OffsetDateTime.class).toInstant(),
                                        rs.getInt(2),
                                        status(rs, 3),
                                        (Integer) rs.getObject(4),
                                        status(rs, 5)));
                            }
                        }
                    }
                    return out;
                },
                "reading the capacity and status changes of " + lotId);
    }

    @Override
    public void purgeBefore(Instant cutoff) {
        database.inTransaction(
                c -> {
                    lockPartitions(c);
                    for (String partition : partitions(c)) {
                        Matcher m = PARTITION.matcher(partition);
                        if (m.matches()) {
                            YearMonth month = YearMonth.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
                            if (!start(month.plusMonths(1)).isAfter(cutoff)) {
                                try (PreparedStatement s = c.prepareStatement("DROP TABLE " + partition)) {
                                    s.execute();
                                }
                                ready.remove(month);
                            }
                        }
                    }
                    PostgresDatabase.update(c, "DELETE FROM occupancy_samples WHERE at < ?", utc(cutoff));
                    PostgresDatabase.update(c, "DELETE FROM lot_changes WHERE at < ?", utc(cutoff));
                    return null;
                },
                "purging occupancy history before " + cutoff);
    }

    /** Creates the month partitions that do not exist yet; several nodes may ask at once. */
    void ensurePartitions(Collection<YearMonth> months) {
        List<YearMonth> missing =
                months.stream().filter(m -> !ready.contains(m)).toList();
        if (missing.isEmpty()) {
            return;
        }
        database.inTransaction(
                c -> {
                    lockPartitions(c);
                    Set<String> existing = new TreeSet<>(partitions(c));
                    for (YearMonth month : missing) {
                        String name = partitionName(month);
                        if (!existing.contains(name)) {
                            try (PreparedStatement s = c.prepareStatement("CREATE TABLE " + name
                                    + " PARTITION OF occupancy_samples FOR VALUES FROM ('" + start(month) + "') TO ('"
                                    + start(month.plusMonths(1)) + "')")) {
                                s.execute();
                            }
                        }
                    }
                    return null;
                },
                "creating occupancy history partitions " + missing);
        ready.addAll(missing);
    }

    /** Partitions are created and dropped by one node at a time (a transaction-scoped advisory lock). */
    private void lockPartitions(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT pg_advisory_xact_lock(hashtext(?))")) {
            s.setString(1, database.schema() + ".occupancy_samples partitions");
            s.execute();
        }
    }

    private static List<String> partitions(Connection c) throws SQLException {
        List<String> names = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT child.relname FROM pg_inherits i"
                        + " JOIN pg_class child ON child.oid = i.inhrelid"
                        + " WHERE i.inhparent = 'occupancy_samples'::regclass");
                ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    static String partitionName(YearMonth month) {
        return String.format("occupancy_samples_p%04d%02d", month.getYear(), month.getMonthValue());
    }

    private static YearMonth month(Instant at) {
        return YearMonth.from(at.atOffset(ZoneOffset.UTC));
    }

    private static Instant start(YearMonth month) {
        return month.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    }

    private static OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }

    private static OccupancySample sample(ResultSet rs) throws SQLException {
        return new OccupancySample(
                rs.getString(1),
                rs.getObject(2, OffsetDateTime.class).toInstant(),
                rs.getInt(3),
                rs.getInt(4),
                rs.getInt(5),
                status(rs, 6),
                rs.getBoolean(7) ? OccupancySample.Source.IMPORTED : OccupancySample.Source.LIVE);
    }

    private static LotStatus status(ResultSet rs, int column) throws SQLException {
        short code = rs.getShort(column);
        return rs.wasNull() ? null : LotStatus.values()[code];
    }

    static {
        // the stored codes are LotStatus's order; a reordering would silently remap history
        if (LotStatus.OPEN.ordinal() != 0 || LotStatus.FULL.ordinal() != 1 || LotStatus.CLOSED.ordinal() != 2) {
            throw new ExceptionInInitializerError(
                    "LotStatus order changed; occupancy_samples.status codes depend on it");
        }
    }
}
