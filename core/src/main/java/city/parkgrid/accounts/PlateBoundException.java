package city.parkgrid.accounts;

/** A plate is already bound to an account; a plate belongs to at most one account. */
public class PlateBoundException extends RuntimeException {

    public PlateBoundException(String plate) {
        super("plate " + plate + " is already bound to an account");
    }
}
