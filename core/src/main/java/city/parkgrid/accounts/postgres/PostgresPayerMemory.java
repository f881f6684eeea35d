package city.parkgrid.accounts.postgres;

import city.parkgrid.accounts.PaymentGateway.Outcome;
import city.parkgrid.accounts.simulated.SimulatedPaymentGateway;
import city.parkgrid.money.Money;
import city.parkgrid.postgres.PostgresDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The simulated payer's memory in PostgreSQL, so that it outlives a killed ParkGrid process as a
 * real payer's would. Only the simulated gateway uses it. Blocking; thread-safe.
 */
public final class PostgresPayerMemory implements SimulatedPaymentGateway.PayerMemory {

    private final PostgresDatabase database;

    public PostgresPayerMemory(PostgresDatabase database) {
        this.database = database;
    }

    @Override
    public Optional<Outcome> find(String idempotencyKey) {
        try (Connection c = database.dataSource().getConnection();
                PreparedStatement s =
                        c.prepareStatement("SELECT outcome FROM simulated_payer_charges WHERE idempotency_key = ?")) {
            s.setString(1, idempotencyKey);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(Outcome.valueOf(rs.getString(1))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw PostgresDatabase.failure("reading or writing the simulated payer's charges", e);
        }
    }

    @Override
    public Outcome record(String idempotencyKey, Money amount, Outcome outcome) {
        try (Connection c = database.dataSource().getConnection();
                PreparedStatement s =
                        c.prepareStatement("INSERT INTO simulated_payer_charges (idempotency_key, amount_fen, outcome)"
                                + " VALUES (?, ?, ?) ON CONFLICT (idempotency_key) DO NOTHING")) {
            s.setString(1, idempotencyKey);
            s.setLong(2, amount.fen());
            s.setString(3, outcome.name());
            s.executeUpdate();
        } catch (SQLException e) {
            throw PostgresDatabase.failure("reading or writing the simulated payer's charges", e);
        }
        return find(idempotencyKey).orElseThrow();
    }
}
