package city.parkgrid.accounts;

import city.parkgrid.money.Money;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What one atomic unit of work may read and change; rows read with {@code lock…} stay locked until it ends. */
public interface AccountTransaction {

    /** False when the id is taken. */
    boolean insertAccount(Account account);

    Optional<Account> lockAccount(String accountId);

    void updateBalances(String accountId, Money balance, Money arrears);

    /** False when the plate is bound to any account already. */
    boolean bindPlate(String plate, String accountId);

    /** False when the plate was not bound to this account. */
    boolean unbindPlate(String plate, String accountId);

    /** Which account each of these plates is bound to (plates bound to none are absent). */
    Map<String, String> accountsOfPlates(Collection<String> plates);

    Optional<TopUp> findTopUp(String accountId, String idempotencyKey);

    void insertTopUp(TopUp topUp);

    /** Whether a gate event already opened or closed a session, or was kept for review. */
    boolean gateEventSeen(String eventId);

    Optional<ParkingSession> lockOpenSession(String plate, String lotId);

    Optional<ParkingSession> lockSession(String sessionId);

    void insertSession(ParkingSession session);

    void updateSession(ParkingSession session);

    /** PENDING sessions whose next payment attempt is due, locked (others skip them). */
    List<ParkingSession> lockDuePayments(Instant now, int limit);

    void insertUnmatchedExit(UnmatchedExit exit);

    /** The earliest exit kept for review of this plate at this lot at or after {@code notBefore}. */
    Optional<UnmatchedExit> findUnmatchedExit(String lotId, String plate, Instant notBefore);

    void deleteUnmatchedExit(String eventId);

    /** Whether the plate has an OPEN session in any lot. */
    boolean hasOpenSession(String plate);

    void post(List<LedgerEntry> entries);
}
