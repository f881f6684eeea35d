package city.parkgrid.accounts;

import city.parkgrid.money.Money;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where accounts, parking sessions and the ledger are kept (PostgreSQL in serve, memory in dev).
 * Every change runs inside {@link #atomically}: all of it is kept, or none. Blocking; thread-safe.
 * The business rules live in {@link AccountService} and {@link SettlementService}, written once;
 * implementations only store.
 */
public interface AccountBook {

    <T> T atomically(Function<AccountTransaction, T> work);

    Optional<Account> findAccount(String accountId);

    /** Which account each of these plates is bound to (plates bound to none are absent). */
    Map<String, String> findAccountsOfPlates(Collection<String> plates);

    /** Newest first. */
    List<ParkingSession> listSessions(String accountId);

    Optional<ParkingSession> findSession(String sessionId);

    List<UnmatchedExit> listUnmatchedExits();

    TrialBalance trialBalance();

    /** Credits minus debits on one ledger account. */
    Money ledgerBalance(String ledgerAccount);

    /** Sessions of the operator's lots that ended (exited) within [from, to), with a fee determined. */
    List<ParkingSession> listEndedSessions(String operatorId, Instant from, Instant to);
}
