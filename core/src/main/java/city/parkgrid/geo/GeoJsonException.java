package city.parkgrid.geo;

import city.parkgrid.InvalidInputException;

/** GeoJSON input that cannot be read; the message names the defect and where it is. */
public class GeoJsonException extends InvalidInputException {

    public GeoJsonException(String message) {
        super("geometry", message);
    }
}
