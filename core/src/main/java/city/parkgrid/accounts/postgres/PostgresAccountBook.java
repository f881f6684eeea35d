package city.parkgrid.accounts.postgres;

import city.parkgrid.accounts.Account;
import city.parkgrid.accounts.AccountBook;
import city.parkgrid.accounts.AccountTransaction;
import city.parkgrid.accounts.LedgerEntry;
import city.parkgrid.accounts.ParkingSession;
import city.parkgrid.accounts.PaymentMethod;
import city.parkgrid.accounts.SessionStatus;
import city.parkgrid.accounts.TopUp;
import city.parkgrid.accounts.TrialBalance;
import city.parkgrid.accounts.UnmatchedExit;
import city.parkgrid.money.Money;
import city.parkgrid.postgres.PostgresDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Accounts, sessions and the ledger in PostgreSQL. Each unit of work is one transaction; rows it
 * changes are locked with {@code SELECT … FOR UPDATE}, so concurrent settlements of one session or
 * one account queue instead of racing, on any number of nodes. Blocking; thread-safe.
 */
public final class PostgresAccountBook implements AccountBook {

    private static final String UNIQUE_VIOLATION = "23505";
    private static final String STORING = "reading or writing accounts";
    private static final String SESSION_COLUMNS = "id, account_id, lot_id, operator_id, plate, entered_at, exited_at,"
            + " fee_fen, status, entry_event_id, exit_event_id, payment_attempts, next_attempt_at";

    private final PostgresDatabase database;

    public PostgresAccountBook(PostgresDatabase database) {
        this.database = database;
    }

    private static final int ATTEMPTS = 4;

    /**
     * Runs the work in one transaction. Two gate batches may lock the same sessions and accounts in
     * opposite orders; PostgreSQL then aborts one of them, and it runs again, up to a few times.
     * Likewise when a twin of the work (the same top-up or gate event, resent) committed the same
     * unique row first: run again, the work finds that row and answers as its twin did.
     */
    @Override
    public <T> T atomically(Function<AccountTransaction, T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return once(work);
            } catch (RuntimeException e) {
                // a domain refusal has no SQLException cause, so it is never run again
                if (attempt >= ATTEMPTS
                        || !(e.getCause() instanceof SQLException sql)
                        || !(PostgresDatabase.contended(sql) || UNIQUE_VIOLATION.equals(sql.getSQLState()))) {
                    throw e;
                }
            }
        }
    }

    private <T> T once(Function<AccountTransaction, T> work) {
        return database.inTransaction(c -> work.apply(new Tx(c)), STORING);
    }

    private <T> T read(PostgresDatabase.Work<T> work) {
        try (Connection c = database.dataSource().getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /** What the accounts' SQLException means: PostgreSQL out of reach, or a bug. */
    private static RuntimeException failure(SQLException e) {
        return PostgresDatabase.failure(STORING, e);
    }

    @Override
    public Optional<Account> findAccount(String accountId) {
        return read(c -> account(c, accountId, false));
    }

    @Override
    public Map<String, String> findAccountsOfPlates(Collection<String> plates) {
        return read(c -> new Tx(c).accountsOfPlates(plates));
    }

    @Override
    public List<ParkingSession> listSessions(String accountId) {
        return read(c -> sessions(
                c,
                "SELECT " + SESSION_COLUMNS + " FROM parking_sessions WHERE account_id = ?"
                        + " ORDER BY entered_at DESC, id",
                accountId));
    }

    @Override
    public Optional<ParkingSession> findSession(String sessionId) {
        return read(c ->
                sessions(c, "SELECT " + SESSION_COLUMNS + " FROM parking_sessions WHERE id = ?", sessionId).stream()
                        .findFirst());
    }

    @Override
    public List<UnmatchedExit> listUnmatchedExits() {
        return read(c -> {
            List<UnmatchedExit> exits = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(
                            "SELECT event_id, lot_id, plate, account_id, at FROM unmatched_exits ORDER BY at DESC");
                    ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    exits.add(new UnmatchedExit(
                            rs.getString(1),
                            rs.getString(2),
                            rs.getString(3),
                            rs.getString(4),
                            rs.getTimestamp(5).toInstant()));
                }
            }
            return exits;
        });
    }

    @Override
    public TrialBalance trialBalance() {
        return read(c -> {
            try (PreparedStatement s = c.prepareStatement(
                            "SELECT coalesce(sum(debit_fen), 0), coalesce(sum(credit_fen), 0), count(DISTINCT transaction_id)"
                                    + " FROM ledger_entries");
                    ResultSet rs = s.executeQuery()) {
                rs.next();
                return new TrialBalance(Money.ofFen(rs.getLong(1)), Money.ofFen(rs.getLong(2)), rs.getLong(3));
            }
        });
    }

    @Override
    public Money ledgerBalance(String ledgerAccount) {
        return read(c -> {
            try (PreparedStatement s = PostgresDatabase.prepare(
                    c,
                    "SELECT coalesce(sum(credit_fen - debit_fen), 0) FROM ledger_entries WHERE ledger_account = ?",
                    ledgerAccount)) {
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    return Money.ofFen(rs.getLong(1));
                }
            }
        });
    }

    @Override
    public List<ParkingSession> listEndedSessions(String operatorId, Instant from, Instant to) {
        return read(c -> {
            try (PreparedStatement s = PostgresDatabase.prepare(
                    c,
                    "SELECT " + SESSION_COLUMNS + " FROM parking_sessions"
                            + " WHERE operator_id = ? AND exited_at >= ? AND exited_at < ? AND fee_fen IS NOT NULL ORDER BY lot_id",
                    operatorId,
                    from,
                    to)) {
                return sessions(s);
            }
        });
    }

    private static Optional<Account> account(Connection c, String accountId, boolean lock) throws SQLException {
        try (PreparedStatement s = PostgresDatabase.prepare(
                c,
                "SELECT id, payment_type, provider, reference, resident_id,"
                        + " balance_fen, arrears_fen FROM accounts WHERE id = ?" + (lock ? " FOR UPDATE" : ""),
                accountId)) {
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                PaymentMethod method = new PaymentMethod(
                        PaymentMethod.Type.valueOf(rs.getString(2)),
                        rs.getString(3) == null ? null : PaymentMethod.Provider.valueOf(rs.getString(3)),
                        rs.getString(4));
                Set<String> plates = new HashSet<>();
                try (PreparedStatement p = PostgresDatabase.prepare(
                        c, "SELECT plate FROM account_plates WHERE account_id = ?", accountId)) {
                    try (ResultSet prs = p.executeQuery()) {
                        while (prs.next()) {
                            plates.add(prs.getString(1));
                        }
                    }
                }
                return Optional.of(new Account(
                        rs.getString(1),
                        method,
                        rs.getString(5),
                        Money.ofFen(rs.getLong(6)),
                        Money.ofFen(rs.getLong(7)),
                        plates));
            }
        }
    }

    private static List<ParkingSession> sessions(Connection c, String sql, String parameter) throws SQLException {
        try (PreparedStatement s = PostgresDatabase.prepare(c, sql, parameter)) {
            return sessions(s);
        }
    }

    private static List<ParkingSession> sessions(PreparedStatement s) throws SQLException {
        List<ParkingSession> found = new ArrayList<>();
        try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                long fee = rs.getLong(8);
                found.add(new ParkingSession(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        instant(rs.getTimestamp(6)),
                        instant(rs.getTimestamp(7)),
                        rs.wasNull() ? null : Money.ofFen(fee),
                        SessionStatus.valueOf(rs.getString(9)),
                        rs.getString(10),
                        rs.getString(11),
                        rs.getInt(12),
                        instant(rs.getTimestamp(13))));
            }
        }
        return found;
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    /** The fee_fen column: null while the session is open. */
    private static Long feeFen(ParkingSession p) {
        return p.fee() == null ? null : p.fee().fen();
    }

    /** One transaction's view. */
    private static final class Tx implements AccountTransaction {
        private final Connection c;

        Tx(Connection c) {
            this.c = c;
        }

        private int update(String sql, Object... parameters) {
            try {
                return PostgresDatabase.update(c, sql, parameters);
            } catch (SQLException e) {
                throw failure(e);
            }
        }

        /** An insert that reports a unique violation as false, inside a savepoint so the transaction lives on. */
        private boolean insertUnique(String sql, Object... parameters) {
            try {
                var savepoint = c.setSavepoint();
                try {
                    PostgresDatabase.update(c, sql, parameters);
                } catch (SQLException e) {
                    if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                        throw e;
                    }
                    c.rollback(savepoint);
                    return false;
                }
                c.releaseSavepoint(savepoint);
                return true;
            } catch (SQLException e) {
                throw failure(e);
            }
        }

        @Override
        public boolean insertAccount(Account a) {
            PaymentMethod m = a.paymentMethod();
            return insertUnique(
                    "INSERT INTO accounts (id, payment_type, provider, reference, resident_id) VALUES (?, ?, ?, ?, ?)",
                    a.id(),
                    m.type().name(),
                    m.provider() == null ? null : m.provider().name(),
                    m.reference(),
                    a.residentId());
        }

        @Override
        public Optional<Account> lockAccount(String accountId) {
            try {
                return account(c, accountId, true);
            } catch (SQLException e) {
                throw failure(e);
            }
        }

        @Override
        public void updateBalances(String accountId, Money balance, Money arrears) {
            update(
                    "UPDATE accounts SET balance_fen = ?, arrears_fen = ? WHERE id = ?",
                    balance.fen(),
                    arrears.fen(),
                    accountId);
        }

        @Override
        public boolean bindPlate(String plate, String accountId) {
            return insertUnique("INSERT INTO account_plates (plate, account_id) VALUES (?, ?)", plate, accountId);
        }

        @Override
        public boolean unbindPlate(String plate, String accountId) {
            return update("DELETE FROM account_plates WHERE plate = ? AND account_id = ?", plate, accountId) == 1;
        }

        @Override
        public Map<String, String> accountsOfPlates(Collection<String> plates) {
            Map<String, String> found = new HashMap<>();
            try (PreparedStatement s = PostgresDatabase.prepare(
                    c,
                    "SELECT plate, account_id FROM account_plates WHERE plate = ANY (?)",
                    c.createArrayOf("text", plates.toArray()))) {
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        found.put(rs.getString(1), rs.getString(2));
                    }
                }
                return found;
            } catch (SQLException e) {
                throw failure(e);
            }
        }

        @Override
        public Optional<TopUp> findTopUp(String accountId, String key) {
            try (PreparedStatement s = PostgresDatabase.prepare(
                    c,
                    "SELECT amount_fen, recovered_arrears_fen, at FROM top_ups"
                            + " WHERE account_id = ? AND idempotency_key = ?",
                    accountId,
                    key)) {
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next()
                            ? Optional.of(new TopUp(
                                    accountId,
                                    key,
                                    Money.ofFen(rs.getLong(1)),
                                    Money.ofFen(rs.getLong(2)),
                                    rs.getTimestamp(3).toInstant()))
                            : Optional.empty();
                }
            } catch (SQLException e) {
                throw failure(e);
            }
        }

        @Override
        public void insertTopUp(TopUp t) {
            update(
                    "INSERT INTO top_ups (account_id, idempotency_key, amount_fen, recovered_arrears_fen, at) VALUES (?, ?, ?, ?, ?)",
                    t.accountId(),
                    t.idempotencyKey(),
                    t.amount().fen(),
                    t.recoveredArrears().fen(),
                    t.at());
        }

        @Override
        public boolean gateEventSeen(String eventId) {
            try (PreparedStatement s = PostgresDatabase.prepare(
                    c,
                    "SELECT EXISTS (SELECT 1 FROM parking_sessions WHERE entry_event_id = ?"
                            + " OR exit_event_id = ?) OR EXISTS (SELECT 1 FROM unmatched_exits WHERE event_id = ?)",
                    eventId,
                    eventId,
                    eventId)) {
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    return rs.getBoolean(1);
                }
            } catch (SQLException e) {
                throw failure(e);
            }
        }

        @Override
        public Optional<ParkingSession> lockOpenSession(String plate, String lotId) {
            try (PreparedStatement s = PostgresDatabase.prepare(
                    c,
                    "SELECT " + SESSION_COLUMNS + " FROM parking_sessions"
                            + " WHERE plate = ? AND lot_id = ? AND status = 'OPEN' FOR UPDATE",
                    plate,
                    lotId)) {
                return sessions(s).stream().findFirst();
            } catch (SQLException e) {
                throw failure(e);
            }
        }

        @Override
        public Optional<ParkingSession> lockSession(String sessionId) {
            try (PreparedStatement s = PostgresDatabase.prepare(
                    c,
                    "SELECT " + SESSION_COLUMNS + " FROM parking_sessions" + " WHERE id = ? FOR UPDATE",
                    sessionId)) {
                return sessions(s).stream().findFirst();
            } catch (SQLException e) {
                throw failure(e);
            }
        }

        @Override
        public void insertSession(ParkingSession p) {
            update(
                    "INSERT INTO parking_sessions (" + SESSION_COLUMNS
                            + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    p.id(),
                    p.accountId(),
                    p.lotId(),
                    p.operatorId(),
                    p.plate(),
                    p.enteredAt(),
                    p.exitedAt(),
                    feeFen(p),
                    p.status().name(),
                    p.entryEventId(),
                    p.exitEventId(),
                    p.paymentAttempts(),
                    p.nextAttemptAt());
        }

        @Override
        public void updateSession(ParkingSession p) {
            update(
                    "UPDATE parking_sessions SET exited_at = ?, fee_fen = ?, status = ?, exit_event_id = ?,"
                            + " payment_attempts = ?, next_attempt_at = ? WHERE id = ?",
                    p.exitedAt(),
                    feeFen(p),
                    p.status().name(),
                    p.exitEventId(),
                    p.paymentAttempts(),
                    p.nextAttemptAt(),
                    p.id());
        }

        @Override
        public List<ParkingSession> lockDuePayments(Instant now, int limit) {
            try (PreparedStatement s = PostgresDatabase.prepare(
                    c,
                    "SELECT " + SESSION_COLUMNS + " FROM parking_sessions"
                            + " WHERE status = 'PENDING' AND next_attempt_at <= ? ORDER BY next_attempt_at LIMIT ?"
                            + " FOR UPDATE SKIP LOCKED",
                    now,
                    limit)) {
                return sessions(s);
            } catch (SQLException e) {
                throw failure(e);
            }
        }

        @Override
        public void insertUnmatchedExit(UnmatchedExit u) {
            insertUnique(
                    "INSERT INTO unmatched_exits (event_id, lot_id, plate, account_id, at) VALUES (?, ?, ?, ?, ?)",
                    u.eventId(),
                    u.lotId(),
                    u.plate(),
                    u.accountId(),
                    u.at());
        }

        @Override
        public Optional<UnmatchedExit> findUnmatchedExit(String lotId, String plate, Instant notBefore) {
            try (PreparedStatement s = PostgresDatabase.prepare(
                    c,
                    "SELECT event_id, account_id, at FROM unmatched_exits"
                            + " WHERE lot_id = ? AND plate = ? AND at >= ? ORDER BY at, event_id LIMIT 1 FOR UPDATE",
                    lotId,
                    plate,
                    notBefore)) {
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next()
                            ? Optional.of(new UnmatchedExit(
                                    rs.getString(1),
                                    lotId,
                                    plate,
                                    rs.getString(2),
                                    rs.getTimestamp(3).toInstant()))
                            : Optional.empty();
                }
            } catch (SQLException e) {
                throw failure(e);
            }
        }

        @Override
        public void deleteUnmatchedExit(String eventId) {
            update("DELETE FROM unmatched_exits WHERE event_id = ?", eventId);
        }

        @Override
        public boolean hasOpenSession(String plate) {
            try (PreparedStatement s = PostgresDatabase.prepare(
                    c, "SELECT EXISTS (SELECT 1 FROM parking_sessions WHERE plate = ? AND status = 'OPEN')", plate)) {
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    return rs.getBoolean(1);
                }
            } catch (SQLException e) {
                throw failure(e);
            }
        }

        @Override
        public void post(List<LedgerEntry> entries) {
            if (entries.isEmpty()) {
                return;
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO ledger_entries (transaction_id, ledger_account,"
                    + " debit_fen, credit_fen, at, reference) VALUES (?, ?, ?, ?, ?, ?)")) {
                for (LedgerEntry e : entries) {
                    s.setString(1, e.transaction());
                    s.setString(2, e.ledgerAccount());
                    s.setLong(3, e.debit().fen());
                    s.setLong(4, e.credit().fen());
                    s.setTimestamp(5, Timestamp.from(e.at()));
                    s.setString(6, e.reference());
                    s.addBatch();
                }
                s.executeBatch();
            } catch (SQLException e) {
                throw failure(e);
            }
        }
    }
}
