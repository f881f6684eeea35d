package city.parkgrid.occupancy;

/** A store was asked to change a lot that was never registered with it (a wiring fault, not bad input). */
public class UnregisteredLotException extends IllegalStateException {

    public UnregisteredLotException(String lotId) {
        super("lot " + lotId + " is not registered with the occupancy store");
    }
}
