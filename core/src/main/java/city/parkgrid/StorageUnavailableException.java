package city.parkgrid;

/**
 * A store the platform depends on cannot be reached (or cannot serve) right now: the work did not
 * take place, and the same request may simply be sent again once the store is back. Adapters throw
 * it only for outages (a refused or dropped connection, an exhausted pool, a server shutting down),
 * never for a statement the store rejected: that is a bug and stays one.
 *
 * <p>The message names the store and why; it never carries credentials or connection strings.
 */
public class StorageUnavailableException extends RuntimeException {

    private final String store;

    /**
     * @param store which store, e.g. {@code PostgreSQL} or {@code Redis}
     * @param reason what was being done and why it failed, free of secrets
     */
    public StorageUnavailableException(String store, String reason, Throwable cause) {
        super(store + " is unavailable: " + reason, cause);
        this.store = store;
    }

    public String store() {
        return store;
    }
}
