package city.parkgrid.accounts;

/** Where a parking session stands. */
public enum SessionStatus {
    /** The car is in the lot. */
    OPEN,
    /** Left and paid. */
    SETTLED,
    /** Left; (part of) the fee is owed and will be recovered from the next top-up. */
    ARREARS,
    /** Left; the linked payer has not answered yet. Retried with the same idempotency key until it does. */
    PENDING
}
