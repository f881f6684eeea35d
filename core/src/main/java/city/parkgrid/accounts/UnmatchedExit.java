package city.parkgrid.accounts;

import java.time.Instant;

/** An EXIT of an account's plate with no open session to close: kept for the bureau to review, not guessed. */
public record UnmatchedExit(String eventId, String lotId, String plate, String accountId, Instant at) {
}
