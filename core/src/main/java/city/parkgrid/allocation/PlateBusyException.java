package city.parkgrid.allocation;

import city.parkgrid.ConflictException;

/** Another allocation for the same plate held its lock for too long; the request may simply be sent again. */
public class PlateBusyException extends ConflictException {

    public PlateBusyException(String plate) {
        super(
                "plate-busy",
                "Another allocation for this plate is under way",
                "plate",
                "plate " + plate + " is being allocated by another request; try again");
    }
}
