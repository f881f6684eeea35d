package city.parkgrid.regions;

import city.parkgrid.ConflictException;

/** A plate is already registered to someone else; a plate belongs to at most one resident. */
public class PlateTakenException extends ConflictException {

    private final String plate;

    public PlateTakenException(String plate) {
        super(
                "plate-taken",
                "Plate already registered",
                "plates",
                "plate " + plate + " is already registered to another resident");
        this.plate = plate;
    }

    public String plate() {
        return plate;
    }
}
