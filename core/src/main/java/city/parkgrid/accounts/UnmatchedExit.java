package city.parkgrid.accounts;

import java.time.Instant;

/**
 * An EXIT of an account's plate with no open session to close: kept for the bureau to review, not
 * guessed (and paired with its entry should that arrive late).
 *
 * @param eventId scoped by lot ({@code <lotId>/<operator's event id>}), as operators' ids are unique per lot
 */
public record UnmatchedExit(String eventId, String lotId, String plate, String accountId, Instant at) {

    /** The event id as the lot's operator sent it. */
    public String operatorEventId() {
        return eventId.startsWith(lotId + "/") ? eventId.substring(lotId.length() + 1) : eventId;
    }
}
