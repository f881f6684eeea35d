package city.parkgrid.accounts;

import city.parkgrid.money.Money;
import java.time.Instant;

/**
 * One stay of one account's car in one lot. Immutable.
 *
 * @param exitedAt, fee null while OPEN
 * @param paymentAttempts how often the linked payer was asked (its idempotency key is the session id)
 * @param nextAttemptAt when a PENDING payment is tried next
 */
public record ParkingSession(
        String id,
        String accountId,
        String lotId,
        String operatorId,
        String plate,
        Instant enteredAt,
        Instant exitedAt,
        Money fee,
        SessionStatus status,
        String entryEventId,
        String exitEventId,
        int paymentAttempts,
        Instant nextAttemptAt) {

    public ParkingSession closed(
            Instant at, Money fee, SessionStatus newStatus, String exitEvent, Instant nextAttempt) {
        return new ParkingSession(
                id,
                accountId,
                lotId,
                operatorId,
                plate,
                enteredAt,
                at,
                fee,
                newStatus,
                entryEventId,
                exitEvent,
                paymentAttempts,
                nextAttempt);
    }

    public ParkingSession withPayment(SessionStatus newStatus, int attempts, Instant nextAttempt) {
        return new ParkingSession(
                id,
                accountId,
                lotId,
                operatorId,
                plate,
                enteredAt,
                exitedAt,
                fee,
                newStatus,
                entryEventId,
                exitEventId,
                attempts,
                nextAttempt);
    }
}
