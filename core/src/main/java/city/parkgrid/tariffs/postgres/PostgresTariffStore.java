package city.parkgrid.tariffs.postgres;

import city.parkgrid.money.Money;
import city.parkgrid.postgres.PostgresDatabase;
import city.parkgrid.tariffs.Tariff;
import city.parkgrid.tariffs.TariffStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Tariffs in PostgreSQL. Blocking; thread-safe. */
public final class PostgresTariffStore implements TariffStore {

    private final PostgresDatabase database;

    public PostgresTariffStore(PostgresDatabase database) {
        this.database = database;
    }

    private static final String COLUMNS = "free_minutes, unit_minutes, day_rate_fen, night_rate_fen,"
            + " day_starts, night_starts, daily_cap_fen, resident_discount_percent";

    @Override
    public Optional<Tariff> findTariff(String lotId) {
        try (Connection c = database.dataSource().getConnection();
                PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM tariffs WHERE lot_id = ?")) {
            s.setString(1, lotId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(tariff(rs, 1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw PostgresDatabase.failure("reading the tariff of " + lotId, e);
        }
    }

    @Override
    public Map<String, Tariff> findTariffs(Collection<String> lotIds) {
        Map<String, Tariff> found = new HashMap<>();
        if (lotIds.isEmpty()) {
            return found;
        }
        try (Connection c = database.dataSource().getConnection();
                PreparedStatement s =
                        c.prepareStatement("SELECT lot_id, " + COLUMNS + " FROM tariffs WHERE lot_id = ANY (?)")) {
            s.setArray(1, c.createArrayOf("text", lotIds.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    found.put(rs.getString(1), tariff(rs, 2));
                }
            }
            return found;
        } catch (SQLException e) {
            throw PostgresDatabase.failure("reading the tariffs of " + lotIds.size() + " lots", e);
        }
    }

    /** The tariff in the row's {@link #COLUMNS}, the first at {@code from}. */
    private static Tariff tariff(ResultSet rs, int from) throws SQLException {
        return new Tariff(
                rs.getInt(from),
                rs.getInt(from + 1),
                Money.ofFen(rs.getLong(from + 2)),
                Money.ofFen(rs.getLong(from + 3)),
                rs.getObject(from + 4, LocalTime.class),
                rs.getObject(from + 5, LocalTime.class),
                Money.ofFen(rs.getLong(from + 6)),
                rs.getInt(from + 7));
    }

    @Override
    public void putTariff(String lotId, Tariff t) {
        try (Connection c = database.dataSource().getConnection();
                PreparedStatement s = c.prepareStatement("""
                        INSERT INTO tariffs (lot_id, free_minutes, unit_minutes, day_rate_fen, night_rate_fen, day_starts,
                            night_starts, daily_cap_fen, resident_discount_percent) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (lot_id) DO UPDATE SET free_minutes = EXCLUDED.free_minutes,
                            unit_minutes = EXCLUDED.unit_minutes, day_rate_fen = EXCLUDED.day_rate_fen,
                            night_rate_fen = EXCLUDED.night_rate_fen, day_starts = EXCLUDED.day_starts,
                            night_starts = EXCLUDED.night_starts, daily_cap_fen = EXCLUDED.daily_cap_fen,
                            resident_discount_percent = EXCLUDED.resident_discount_percent, updated_at = now()""")) {
            s.setString(1, lotId);
            s.setInt(2, t.freeMinutes());
            s.setInt(3, t.unitMinutes());
            s.setLong(4, t.dayRate().fen());
            s.setLong(5, t.nightRate().fen());
            s.setObject(6, t.dayStarts());
            s.setObject(7, t.nightStarts());
            s.setLong(8, t.dailyCap().fen());
            s.setInt(9, t.residentDiscountPercent());
            s.executeUpdate();
        } catch (SQLException e) {
            throw PostgresDatabase.failure("writing the tariff of " + lotId, e);
        }
    }
}
