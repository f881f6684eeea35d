package city.parkgrid.zones.control.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import city.parkgrid.money.Money;
import city.parkgrid.postgres.PostgresDatabase;
import city.parkgrid.testing.TestServices;
import city.parkgrid.zones.control.AuditEntry;
import city.parkgrid.zones.control.ManualControl;
import city.parkgrid.zones.control.Schedule;
import city.parkgrid.zones.control.Trigger;
import city.parkgrid.zones.control.ZoneControlStore;
import city.parkgrid.zones.control.ZoneControlStoreContract;
import city.parkgrid.zones.control.ZoneMode;
import city.parkgrid.zones.control.ZonePolicy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The zone-control contract against real PostgreSQL, so controls survive every node's restart. */
class PostgresZoneControlStoreIT extends ZoneControlStoreContract {

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
    protected ZoneControlStore newStore() {
        return new PostgresZoneControlStore(database);
    }

    @Test
    void policiesKeepTheirStoredShapeWithTheSurchargeInIntegerFen() throws SQLException {
        Instant t0 = Instant.parse("2026-11-28T02:00:00Z");
        try (Connection c = database.dataSource().getConnection();
                PreparedStatement s =
                        c.prepareStatement("INSERT INTO zone_controls (zone_id, mode, policy, since, set_by, reason)"
                                + " VALUES ('written-earlier', 'MANAGED', ?::jsonb, now(), 'bureau:duty', 'peak')")) {
            s.setString(
                    1,
                    "{\"targetOccupancy\": 0.8, \"closedLots\": [], \"reservedSpaces\": {}, \"surchargeFenPerHour\": 250,"
                            + " \"divertTo\": []}");
            s.executeUpdate();
        }
        assertThat(newStore()
                        .findManual("written-earlier")
                        .orElseThrow()
                        .policy()
                        .surchargePerHour())
                .isEqualTo(Money.ofFen(250));

        ZonePolicy policy = new ZonePolicy(null, List.of(), Map.of(), Money.ofFen(1_234), List.of(), null, null);
        newStore()
                .putManual(
                        new ManualControl("written-now", ZoneMode.MANAGED, policy, t0, null, "bureau:duty", "peak"),
                        new AuditEntry("written-now", t0, "bureau:duty", "control", "peak"));
        try (Connection c = database.dataSource().getConnection();
                PreparedStatement s = c.prepareStatement(
                        "SELECT jsonb_typeof(policy->'surchargeFenPerHour'),"
                                + " (policy->>'surchargeFenPerHour')::bigint FROM zone_controls WHERE zone_id = 'written-now'");
                ResultSet rs = s.executeQuery()) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("number");
            assertThat(rs.getLong(2)).isEqualTo(1_234);
        }
    }

    @Test
    void triggersAndSchedulesWrittenBeforeV4GetTheDefaultHysteresisAndNightSchedulesAreAllowed() throws SQLException {
        PostgresDatabase earlier = new PostgresDatabase(TestServices.postgres(TestServices.uniqueSchema()));
        try {
            Flyway.configure()
                    .dataSource(earlier.dataSource())
                    .schemas(earlier.schema())
                    .defaultSchema(earlier.schema())
                    .createSchemas(true)
                    .locations("classpath:db/migration")
                    .target("3")
                    .load()
                    .migrate();
            try (Connection c = earlier.dataSource().getConnection();
                    Statement s = c.createStatement()) {
                s.execute(
                        "INSERT INTO zone_triggers (zone_id, occupancy_above, for_minutes, mode, policy, set_by, active_since)"
                                + " VALUES ('peak', 0.85, 10, 'MANAGED', '{\"surchargeFenPerHour\": 0}', 'bureau:duty', now()),"
                                + " ('quiet', 0.06, 10, 'MANAGED', '{\"surchargeFenPerHour\": 0}', 'bureau:duty', null)");
            }
            assertThat(earlier.migrate()).as("V4 and any later").isGreaterThanOrEqualTo(1);
            ZoneControlStore store = new PostgresZoneControlStore(earlier);
            Trigger peak = store.findTrigger("peak").orElseThrow();
            assertThat(peak.releaseBelow())
                    .isEqualTo(Trigger.defaultReleaseBelow(0.85))
                    .isEqualTo(0.8);
            assertThat(peak.minActiveMinutes()).isEqualTo(Trigger.DEFAULT_MIN_ACTIVE_MINUTES);
            assertThat(peak.activeSince())
                    .as("its state survives the migration")
                    .isNotNull();
            assertThat(store.findTrigger("quiet").orElseThrow().releaseBelow())
                    .isEqualTo(Trigger.defaultReleaseBelow(0.06));
            try (Connection c = earlier.dataSource().getConnection();
                    Statement s = c.createStatement()) {
                s.execute(
                        "INSERT INTO zone_schedules (id, zone_id, mode, policy, days, from_time, to_time, set_by) VALUES"
                                + " ('night', 'peak', 'MANAGED', '{\"surchargeFenPerHour\": 0}', '{SUNDAY}', '22:00', '06:00', 'bureau:duty')");
                assertThatThrownBy(
                                () -> s.execute(
                                        "INSERT INTO zone_schedules (id, zone_id, mode, policy, days, from_time,"
                                                + " to_time, set_by) VALUES ('none', 'peak', 'MANAGED', '{}', '{SUNDAY}', '22:00', '22:00', 'bureau:duty')"))
                        .isInstanceOf(SQLException.class)
                        .hasMessageContaining("zone_schedules_window_check");
                assertThatThrownBy(
                                () -> s.execute("UPDATE zone_triggers SET release_below = 0.9 WHERE zone_id = 'peak'"))
                        .isInstanceOf(SQLException.class)
                        .hasMessageContaining("zone_triggers_release_below_check");
            }
            assertThat(store.listSchedules("peak"))
                    .singleElement()
                    .extracting(Schedule::overnight)
                    .isEqualTo(true);
        } finally {
            TestServices.dropSchema(earlier);
            earlier.close();
        }
    }
}
