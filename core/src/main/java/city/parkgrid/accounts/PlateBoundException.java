package city.parkgrid.accounts;

import city.parkgrid.ConflictException;

/** A plate is already bound to an account; a plate belongs to at most one account. */
public class PlateBoundException extends ConflictException {

    public PlateBoundException(String plate) {
        super(
                "plate-bound",
                "Plate bound to another account",
                "plates",
                "plate " + plate + " is already bound to an account");
    }
}
