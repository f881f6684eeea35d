package city.parkgrid.zones.control;

import java.time.Instant;

/**
 * How many of a lot's reserved spaces the control in force withholds from the public now. All of
 * them ({@link #ALL}) when nothing books against them; fewer once advance reservations are taken
 * against them, as each booked car comes in (its space is then an occupied one) and once booking
 * has closed (the spaces nobody booked go to the public). Asked for every lot a control reserves
 * spaces in whenever the controls are put into effect, and each second for those lots.
 */
public interface ReservedSpaces {

    /** The control's count as it stands: every reserved space withheld while the control is in force. */
    ReservedSpaces ALL = (control, lotId, now) -> control.reserves(lotId);

    /** Blocking (it may read a shared store). */
    int withheld(ZoneControl control, String lotId, Instant now);
}
