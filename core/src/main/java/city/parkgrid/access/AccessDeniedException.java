package city.parkgrid.access;

/**
 * The caller is known but a rule of the domain does not let it do this (403). Which callers may
 * call which endpoint at all is the HTTP layer's check; this is for rules that depend on what is
 * asked, such as which fields of a lot an operator may change.
 */
public final class AccessDeniedException extends RuntimeException {

    private final String field;

    public AccessDeniedException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The part of the request that is not allowed; null when it is the whole request. */
    public String field() {
        return field;
    }
}
