package city.parkgrid.bench;

import city.parkgrid.history.OccupancySample;
import city.parkgrid.history.postgres.PostgresOccupancyHistoryStore;
import city.parkgrid.postgres.PostgresDatabase;
import city.parkgrid.testing.TestServices;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Occupancy history in PostgreSQL: fills a fresh schema with {@code months} of 5-minute live
 * samples of {@code lots} lots, written step by step as the recorder writes them (every lot's
 * sample of one step next to each other, so one lot's rows are spread over the table as in
 * production), prints the size per lot-year (heap, TOAST and indexes of every partition) and the
 * plan of a one-lot month query, then times that query through the store (8,640 rows to Java).
 * Run with {@code ./parkgrid bench HistoryQueryBenchmark -p lots=20 -p months=12}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class HistoryQueryBenchmark {

    @Param({"20"})
    public int lots;

    @Param({"12"})
    public int months;

    private static final OffsetDateTime START = OffsetDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

    private PostgresDatabase database;
    private PostgresOccupancyHistoryStore store;
    private final Random random = new Random(7);

    @Setup(Level.Trial)
    public void setUp() throws SQLException {
        database = TestServices.migratedDatabase(TestServices.uniqueSchema());
        store = new PostgresOccupancyHistoryStore(database);
        // the store creates a month's partition (and the next) on its first write into it
        for (int m = 0; m < months; m++) {
            Instant at = START.plusMonths(m).toInstant();
            store.importSamples(List.of(OccupancySample.imported("bench-partition-seed", at, 0, 1)));
        }
        long started = System.nanoTime();
        try (Connection c = database.dataSource().getConnection();
                Statement s = c.createStatement()) {
            s.execute("DELETE FROM occupancy_samples WHERE lot_id = 'bench-partition-seed'");
            // time-major, as the recorder writes each step for every lot at once
            s.execute("INSERT INTO occupancy_samples (at, occupied, held, capacity, status, imported, lot_id)"
                    + " SELECT t, (abs(hashtext(l::text || t::text)) % 600), abs(hashtext(t::text)) % 5, 600,"
                    + " 0, false, 'bench-lot-' || lpad(l::text, 4, '0')"
                    + " FROM generate_series(timestamptz '" + START + "', timestamptz '" + START.plusMonths(months)
                    + "' - interval '5 minutes', interval '5 minutes') t CROSS JOIN generate_series(1, " + lots
                    + ") l ORDER BY t, l");
            s.execute("VACUUM ANALYZE occupancy_samples");
            long rows;
            long bytes;
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM occupancy_samples")) {
                rs.next();
                rows = rs.getLong(1);
            }
            try (ResultSet rs = s.executeQuery("SELECT sum(pg_total_relation_size(relid))"
                    + " FROM pg_partition_tree('occupancy_samples') WHERE isleaf")) {
                rs.next();
                bytes = rs.getLong(1);
            }
            double lotYears = lots * months / 12.0;
            System.out.printf(
                    "%nhistory: %d lots x %d months = %,d samples loaded in %.1f s; %,d bytes in all partitions"
                            + " (heap + indexes) = %.2f MB per lot-year, %.1f bytes per sample%n",
                    lots,
                    months,
                    rows,
                    (System.nanoTime() - started) / 1e9,
                    bytes,
                    bytes / lotYears / 1e6,
                    (double) bytes / rows);
            try (PreparedStatement explain = c.prepareStatement("EXPLAIN (ANALYZE, BUFFERS) SELECT lot_id, at,"
                    + " occupied, held, capacity, status, imported FROM occupancy_samples"
                    + " WHERE lot_id = ANY(?) AND at >= ? AND at < ? ORDER BY lot_id, at")) {
                explain.setArray(1, c.createArrayOf("text", new String[] {"bench-lot-0001"}));
                explain.setObject(2, START.plusMonths(months - 1));
                explain.setObject(3, START.plusMonths(months));
                try (ResultSet plan = explain.executeQuery()) {
                    while (plan.next()) {
                        System.out.println("  " + plan.getString(1));
                    }
                }
            }
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        TestServices.dropSchema(database);
        database.close();
    }

    /** One random lot's samples of one random whole month, as a forecaster or the history endpoint reads them. */
    @Benchmark
    public int oneLotMonth() {
        String lot = String.format("bench-lot-%04d", 1 + random.nextInt(lots));
        OffsetDateTime month = START.plusMonths(random.nextInt(months));
        List<OccupancySample> samples =
                store.samples(lot, month.toInstant(), month.plusMonths(1).toInstant());
        if (samples.size() < 8_000) {
            throw new IllegalStateException("expected a month of samples, got " + samples.size());
        }
        return samples.size();
    }
}
