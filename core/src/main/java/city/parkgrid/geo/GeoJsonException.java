package city.parkgrid.geo;

/** GeoJSON input that cannot be read; the message names the defect and where it is. */
public class GeoJsonException extends IllegalArgumentException {

    public GeoJsonException(String message) {
        super(message);
    }
}
