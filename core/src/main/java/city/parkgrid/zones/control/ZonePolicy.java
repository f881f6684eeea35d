package city.parkgrid.zones.control;

import city.parkgrid.money.Money;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the bureau's control of a unit does. Immutable.
 *
 * @param targetOccupancy MANAGED: fill lots up to this share of capacity before diverting (0, 1]
 * @param closedLots lots that take no drivers while the control is in force
 * @param reservedSpaces spaces per lot withheld from the public (for emergency services)
 * @param surchargePerHour added to fees for the time a session spends in the unit while MANAGED
 * @param divertTo units to send drivers to, in order, once this one is above target (or in EMERGENCY)
 * @param eventScope MANAGED: the event whose trips alone are diverted, or null for every trip into
 *     the unit (EMERGENCY always sends every trip out)
 * @param bookingClosesAt the local time (Asia/Shanghai) after which no advance reservation is
 *     taken against {@code reservedSpaces} and the spaces no reservation took go to the public, or
 *     null: bookings are taken, and the unbooked spaces withheld, while the control is in force
 */
public record ZonePolicy(
        Double targetOccupancy,
        List<String> closedLots,
        Map<String, Integer> reservedSpaces,
        Money surchargePerHour,
        List<String> divertTo,
        EventScope eventScope,
        LocalTime bookingClosesAt) {

    public static final ZonePolicy NONE = new ZonePolicy(null, List.of(), Map.of(), Money.ZERO, List.of(), null, null);

    public ZonePolicy {
        closedLots = closedLots == null ? List.of() : List.copyOf(closedLots);
        reservedSpaces = reservedSpaces == null ? Map.of() : Map.copyOf(reservedSpaces);
        divertTo = divertTo == null ? List.of() : List.copyOf(divertTo);
        Objects.requireNonNull(surchargePerHour, "surchargePerHour");
    }
}
