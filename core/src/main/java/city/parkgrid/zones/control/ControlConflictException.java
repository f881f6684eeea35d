package city.parkgrid.zones.control;

import city.parkgrid.ConflictException;

/** An operator's action conflicts with the bureau's control in force; the message names that control. */
public class ControlConflictException extends ConflictException {

    public ControlConflictException(String message) {
        super("control-conflict", "Conflicts with the bureau's control", "status", message);
    }
}
