package city.parkgrid.accounts;

import java.time.Instant;

/** Money added to an account; the idempotency key makes a resend add it once. */
public record TopUp(String accountId, String idempotencyKey, long amountFen, long recoveredArrearsFen, Instant at) {
}
