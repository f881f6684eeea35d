package city.parkgrid.regions;

/** A plate is already registered to someone else; a plate belongs to at most one resident. */
public class PlateTakenException extends RuntimeException {

    private final String plate;

    public PlateTakenException(String plate) {
        super("plate " + plate + " is already registered to another resident");
        this.plate = plate;
    }

    public String plate() {
        return plate;
    }
}
