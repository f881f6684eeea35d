package city.parkgrid.occupancy;

import java.util.Arrays;

/**
 * What was notable about an accepted gate event. Gate cameras miss plates and networks deliver
 * late, so none of these is an error: the car is where the gate says, and the flag lets the
 * operator and the bureau see where their data is thin (or, for {@link #FULFILLED_HOLD}, that an
 * allocated driver arrived).
 *
 * <p>Each flag has a short code that the Redis script returns; the code is part of the script's
 * contract (see {@code occupancy.lua}, operation {@code events}).
 */
public enum GateEventFlag {
    ALREADY_INSIDE("ai", "the plate was already inside: an earlier exit was missed or this entry repeats one"),
    LATE_ENTRY("le", "late entry for a visit whose exit was already counted; the count is restored"),
    STALE_ENTRY("se", "entry older than what is known of this plate here; nothing changed"),
    STALE_EXIT("sx", "exit older than the plate's latest entry; nothing changed"),
    NOT_INSIDE("ni", "exit for a plate that already left; nothing changed"),
    EXIT_WITHOUT_ENTRY("xw", "exit for a plate not known to be inside; counted out, kept for review"),
    OVERFLOW("of", "entry into a full lot: the car is in, and the lot shows overflow"),
    FULFILLED_HOLD("fh", "entry of a car with a held space here: the hold is fulfilled, the space now occupied");

    private final String code;
    private final String reason;

    GateEventFlag(String code, String reason) {
        this.code = code;
        this.reason = reason;
    }

    public String code() {
        return code;
    }

    public String reason() {
        return reason;
    }

    public static GateEventFlag ofCode(String code) {
        return Arrays.stream(values())
                .filter(f -> f.code.equals(code))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown gate event flag code " + code));
    }
}
