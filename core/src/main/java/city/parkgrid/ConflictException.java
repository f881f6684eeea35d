package city.parkgrid;

/**
 * The domain refuses a request because it conflicts with the state of things (a plate bound
 * elsewhere, a control in force); the same request will be refused again until that state
 * changes. Each kind names itself, so that the API answers every one of them the same way.
 */
public abstract class ConflictException extends RuntimeException {

    private final String kind;
    private final String title;
    private final String field;

    /**
     * @param kind a stable slug for the kind of conflict, e.g. {@code plate-bound}
     * @param title a short, fixed summary of the kind
     * @param field the request field at the heart of the conflict, or null
     */
    protected ConflictException(String kind, String title, String field, String message) {
        super(message);
        this.kind = kind;
        this.title = title;
        this.field = field;
    }

    public String kind() {
        return kind;
    }

    public String title() {
        return title;
    }

    public String field() {
        return field;
    }
}
