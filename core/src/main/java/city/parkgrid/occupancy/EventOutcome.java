package city.parkgrid.occupancy;

/**
 * The answer for one gate event of a batch.
 *
 * @param flag set only for accepted events that were odd
 * @param reason human-readable; set for rejected and flagged events
 */
public record EventOutcome(String eventId, EventResult result, GateEventFlag flag, String reason) {

    public static EventOutcome accepted(String eventId) {
        return new EventOutcome(eventId, EventResult.ACCEPTED, null, null);
    }

    public static EventOutcome flagged(String eventId, GateEventFlag flag) {
        return new EventOutcome(eventId, EventResult.ACCEPTED, flag, flag.reason());
    }

    public static EventOutcome duplicate(String eventId) {
        return new EventOutcome(eventId, EventResult.DUPLICATE, null, "this eventId was already counted");
    }

    public static EventOutcome rejected(String eventId, String reason) {
        return new EventOutcome(eventId, EventResult.REJECTED, null, reason);
    }
}
