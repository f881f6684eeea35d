package city.parkgrid;

import java.util.NoSuchElementException;

/**
 * A lookup the caller asked for by id found nothing: an account, a schedule, a parking unit. It is
 * a {@link NoSuchElementException}, so callers that caught that before still do; but a bare
 * NoSuchElementException (an {@code Optional} that was wrongly expected to be full) stays a bug.
 */
public class NotFoundException extends NoSuchElementException {

    private final String what;
    private final String id;

    /** "no {what} '{id}'", e.g. {@code new NotFoundException("account", "alice")}. */
    public NotFoundException(String what, String id) {
        this(what, id, "no " + what + " '" + id + "'");
    }

    /** With a message that says more than "no {what} '{id}'". */
    public NotFoundException(String what, String id, String message) {
        super(message);
        this.what = what;
        this.id = id;
    }

    /** The kind of thing looked up, e.g. {@code account}. */
    public String what() {
        return what;
    }

    public String id() {
        return id;
    }
}
