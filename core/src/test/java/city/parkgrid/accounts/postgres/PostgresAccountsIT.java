package city.parkgrid.accounts.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import city.parkgrid.accounts.Account;
import city.parkgrid.accounts.AccountBook;
import city.parkgrid.accounts.AccountsContract;
import city.parkgrid.accounts.Ledger;
import city.parkgrid.accounts.ParkingSession;
import city.parkgrid.accounts.SessionStatus;
import city.parkgrid.catalog.postgis.PostgisGeographyStore;
import city.parkgrid.lots.Lot;
import city.parkgrid.money.Money;
import city.parkgrid.occupancy.GateEventType;
import city.parkgrid.postgres.PostgresDatabase;
import city.parkgrid.tariffs.TariffStore;
import city.parkgrid.tariffs.postgres.PostgresTariffStore;
import city.parkgrid.testing.TestServices;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The accounts contract against real PostgreSQL, and the ledger under 10,000 random sessions. */
class PostgresAccountsIT extends AccountsContract {

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
    protected AccountBook newBook() {
        return new PostgresAccountBook(database);
    }

    /**
     * Tariffs in the same database and pool (4 connections), so that the concurrency tests, with
     * more threads than connections, show no unit of work waits for a second connection.
     */
    @Override
    protected TariffStore newTariffStore(Lot lot) {
        new PostgisGeographyStore(database).putLot(lot);
        return new PostgresTariffStore(database);
    }

    /**
     * Random accounts (prepaid and linked) park 10,000 times at random hours with random top-ups and
     * payer outcomes; afterwards debits equal credits and every account's balance equals the sum of
     * its ledger entries, and its arrears what its receivable holds beyond pending payments.
     */
    @Test
    // some three commits a session (entry, exit, payment), each with its fsync: 100 s on an idle 2-core machine and
    // 150 s beside other builds, past the 120 s hang guard of junit-platform.properties
    @Timeout(value = 6, unit = TimeUnit.MINUTES)
    void tenThousandRandomSessionsKeepTheLedgerBalanced() throws Exception {
        Random random = new Random(5_000);
        List<Account> drivers = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            String plate = plate();
            drivers.add(random.nextInt(4) == 0 ? linked(plate) : prepaid(plate, random.nextInt(20_000)));
        }
        Instant clock = NOON;
        for (int session = 0; session < 10_000; session++) {
            Account driver = drivers.get(random.nextInt(drivers.size()));
            String plate = driver.plates().iterator().next();
            Instant in = clock;
            Instant out = in.plus(Duration.ofMinutes(1 + random.nextInt(600)));
            gate(GateEventType.ENTRY, "r" + session + "-in", plate, in);
            for (String pending : gate(GateEventType.EXIT, "r" + session + "-out", plate, out)) {
                if (random.nextInt(10) > 0) {
                    settlement.attemptPayment(pending, out);
                }
            }
            if (random.nextInt(8) == 0) {
                accounts.topUp(driver.id(), Money.ofFen(1 + random.nextInt(5_000)), "t" + session, out);
            }
            clock = clock.plusSeconds(37);
        }
        assertThat(book.trialBalance().balanced()).isTrue();
        assertThat(book.trialBalance().debits()).isGreaterThan(Money.ZERO);
        for (Account driver : drivers) {
            Account now = book.findAccount(driver.id()).orElseThrow();
            assertThat(book.ledgerBalance(Ledger.driver(now.id()))).isEqualTo(now.balance());
            Money pending = book.listSessions(now.id()).stream()
                    .filter(s -> s.status() == SessionStatus.PENDING)
                    .map(ParkingSession::fee)
                    .reduce(Money.ZERO, Money::plus);
            assertThat(Money.ZERO.minus(book.ledgerBalance(Ledger.receivable(now.id()))))
                    .isEqualTo(now.arrears().plus(pending));
        }
        try (Connection c = database.dataSource().getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM (SELECT transaction_id FROM ledger_entries"
                        + " GROUP BY transaction_id HAVING sum(debit_fen) <> sum(credit_fen)) unbalanced")) {
            rs.next();
            assertThat(rs.getInt(1)).as("every transaction balances on its own").isZero();
        }
    }
}
