package city.parkgrid.zones.control;

/** An operator's action conflicts with the bureau's control in force; the message names that control. */
public class ControlConflictException extends RuntimeException {

    public ControlConflictException(String message) {
        super(message);
    }
}
