package city.parkgrid.occupancy;

import city.parkgrid.InvalidInputException;
import city.parkgrid.Plates;
import city.parkgrid.Text;
import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One car passing one gate, as the lot's operator reports it. Immutable.
 *
 * @param eventId the operator's id for this event; the platform counts each id once, ever
 * @param plate the licence plate, normalised to upper case without spaces
 * @param at when the gate saw the car (the gate's clock, not the platform's)
 * @param gate which gate, for the operator's own records; may be null
 */
public record GateEvent(String eventId, GateEventType type, String plate, Instant at, String gate) {

    /** Event ids become part of Redis keys: printable, no spaces, bounded. */
    public static final Pattern EVENT_ID = Pattern.compile("[\\x21-\\x7E]{1,128}");

    public GateEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(plate, "plate");
        Objects.requireNonNull(at, "at");
        if (!EVENT_ID.matcher(eventId).matches()) {
            throw new InvalidInputException(
                    "eventId", "must be 1 to 128 printable ASCII characters without spaces, was '" + eventId + "'");
        }
        plate = Plates.normalise(plate);
        Text.optional("gate", gate, Text.MAX_ID);
    }
}
