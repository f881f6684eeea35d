package city.parkgrid.accounts;

import city.parkgrid.money.Money;
import java.time.Instant;

/** Money added to an account; the idempotency key makes a resend add it once. */
public record TopUp(String accountId, String idempotencyKey, Money amount, Money recoveredArrears, Instant at) {}
