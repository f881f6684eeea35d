package city.parkgrid.history.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import city.parkgrid.history.OccupancyHistoryStore;
import city.parkgrid.history.OccupancyHistoryStoreContract;
import city.parkgrid.history.OccupancySample;
import city.parkgrid.occupancy.LotStatus;
import city.parkgrid.postgres.PostgresDatabase;
import city.parkgrid.testing.TestServices;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The history contract against real PostgreSQL, and what only PostgreSQL has: month partitions. */
class PostgresOccupancyHistoryStoreIT extends OccupancyHistoryStoreContract {

    private static PostgresDatabase database;

    @BeforeAll
    static void migrate() {
        database = TestServices.migratedDatabase(TestServices.uniqueSchema());
    }

    @AfterAll
    static void dropSchema() {
        TestServices.dropSchema(database);
        database.close();
    }

    @Override
    protected OccupancyHistoryStore newStore() {
        return new PostgresOccupancyHistoryStore(database);
    }

    @Test
    void aStepCreatesItsMonthAndTheNextAheadAndPurgeDropsWholeOldMonths() throws SQLException {
        PostgresOccupancyHistoryStore store = new PostgresOccupancyHistoryStore(database);
        Instant march = Instant.parse("2027-03-31T23:55:00Z");
        store.recordStep(
                march,
                List.of(new OccupancySample("p-lot", march, 1, 0, 10, LotStatus.OPEN, OccupancySample.Source.LIVE)));
        assertThat(partitions())
                .contains(
                        PostgresOccupancyHistoryStore.partitionName(YearMonth.of(2027, 3)),
                        PostgresOccupancyHistoryStore.partitionName(YearMonth.of(2027, 4)));
        // a second store (another node) with a cold cache finds them there and creates nothing twice
        new PostgresOccupancyHistoryStore(database).ensurePartitions(List.of(YearMonth.of(2027, 3)));
        store.purgeBefore(Instant.parse("2027-04-01T00:00:00Z"));
        assertThat(partitions())
                .doesNotContain(PostgresOccupancyHistoryStore.partitionName(YearMonth.of(2027, 3)))
                .contains(PostgresOccupancyHistoryStore.partitionName(YearMonth.of(2027, 4)));
    }

    private static List<String> partitions() throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection c = database.dataSource().getConnection();
                PreparedStatement s = c.prepareStatement("SELECT child.relname FROM pg_inherits i"
                        + " JOIN pg_class child ON child.oid = i.inhrelid"
                        + " WHERE i.inhparent = 'occupancy_samples'::regclass ORDER BY 1");
                ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }
}
