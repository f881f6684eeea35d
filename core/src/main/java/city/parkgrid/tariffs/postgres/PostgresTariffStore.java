package city.parkgrid.tariffs.postgres;

import city.parkgrid.money.Money;
import city.parkgrid.postgres.PostgresDatabase;
import city.parkgrid.tariffs.BandRatesJson;
import city.parkgrid.tariffs.Tariff;
import city.parkgrid.tariffs.TariffStore;
import city.parkgrid.tariffs.TariffVersion;
import city.parkgrid.tariffs.TariffVersions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Tariff versions in PostgreSQL ({@code tariff_versions}). Blocking; thread-safe. */
public final class PostgresTariffStore implements TariffStore {

    private final PostgresDatabase database;

    public PostgresTariffStore(PostgresDatabase database) {
        this.database = database;
    }

    private static final String COLUMNS = "lot_id, effective_from, free_minutes, unit_minutes, day_rate_fen,"
            + " night_rate_fen, day_starts, night_starts, daily_cap_fen, resident_discount_percent, band_rates,"
            + " policy_zone_id";

    @Override
    public TariffVersions findVersions(String lotId) {
        return findVersions(List.of(lotId)).getOrDefault(lotId, TariffVersions.none());
    }

    @Override
    public Map<String, TariffVersions> findVersions(Collection<String> lotIds) {
        Map<String, TariffVersions> found = new HashMap<>();
        if (lotIds.isEmpty()) {
            return found;
        }
        Map<String, List<TariffVersion>> rows = new HashMap<>();
        try (Connection c = database.dataSource().getConnection();
                PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS
                        + " FROM tariff_versions WHERE lot_id = ANY (?) ORDER BY lot_id, effective_from")) {
            s.setArray(1, c.createArrayOf("text", lotIds.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rows.computeIfAbsent(rs.getString(1), id -> new ArrayList<>())
                            .add(new TariffVersion(
                                    rs.getObject(2, OffsetDateTime.class).toInstant(),
                                    tariff(rs, 3),
                                    rs.getString(12)));
                }
            }
        } catch (SQLException e) {
            throw PostgresDatabase.failure("reading the tariffs of " + lotIds.size() + " lots", e);
        }
        rows.forEach((lotId, versions) -> found.put(lotId, TariffVersions.of(versions)));
        return found;
    }

    /** The tariff in the row's columns from {@code free_minutes}, the first at {@code from}. */
    private static Tariff tariff(ResultSet rs, int from) throws SQLException {
        return new Tariff(
                rs.getInt(from),
                rs.getInt(from + 1),
                Money.ofFen(rs.getLong(from + 2)),
                Money.ofFen(rs.getLong(from + 3)),
                rs.getObject(from + 4, LocalTime.class),
                rs.getObject(from + 5, LocalTime.class),
                Money.ofFen(rs.getLong(from + 6)),
                rs.getInt(from + 7),
                BandRatesJson.read(rs.getString(from + 8), "band_rates"));
    }

    @Override
    public void putVersion(String lotId, TariffVersion version) {
        Tariff t = version.tariff();
        try (Connection c = database.dataSource().getConnection();
                PreparedStatement s = c.prepareStatement(
                        "INSERT INTO tariff_versions (" + COLUMNS
                                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                                + " ON CONFLICT (lot_id, effective_from) DO UPDATE SET free_minutes = EXCLUDED.free_minutes,"
                                + " unit_minutes = EXCLUDED.unit_minutes, day_rate_fen = EXCLUDED.day_rate_fen,"
                                + " night_rate_fen = EXCLUDED.night_rate_fen, day_starts = EXCLUDED.day_starts,"
                                + " night_starts = EXCLUDED.night_starts, daily_cap_fen = EXCLUDED.daily_cap_fen,"
                                + " resident_discount_percent = EXCLUDED.resident_discount_percent,"
                                + " band_rates = EXCLUDED.band_rates, policy_zone_id = EXCLUDED.policy_zone_id, updated_at = now()")) {
            s.setString(1, lotId);
            s.setObject(2, version.effectiveFrom().atOffset(ZoneOffset.UTC));
            s.setInt(3, t.freeMinutes());
            s.setInt(4, t.unitMinutes());
            s.setLong(5, t.dayRate().fen());
            s.setLong(6, t.nightRate().fen());
            s.setObject(7, t.dayStarts());
            s.setObject(8, t.nightStarts());
            s.setLong(9, t.dailyCap().fen());
            s.setInt(10, t.residentDiscountPercent());
            s.setString(11, BandRatesJson.write(t.bandRates()));
            s.setString(12, version.policyZoneId());
            s.executeUpdate();
        } catch (SQLException e) {
            throw PostgresDatabase.failure("writing the tariff of " + lotId, e);
        }
    }
}
