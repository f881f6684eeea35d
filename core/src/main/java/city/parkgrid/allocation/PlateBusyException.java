package city.parkgrid.allocation;

/** Another allocation for the same plate held its lock for too long; the request may simply be sent again. */
public class PlateBusyException extends RuntimeException {

    public PlateBusyException(String plate) {
        super("plate " + plate + " is being allocated by another request; try again");
    }
}
