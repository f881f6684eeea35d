package city.parkgrid.catalog.postgis;

/** PostGIS could not be read or written; the cause says why. */
public class GeographyStorageException extends RuntimeException {

    public GeographyStorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
