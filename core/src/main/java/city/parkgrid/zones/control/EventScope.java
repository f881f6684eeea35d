package city.parkgrid.zones.control;

import java.util.List;

/**
 * Which trips a MANAGED control is about: those to an event (a match, a concert) rather than
 * every trip into the unit. A driver's trip is the event's when its destination lies within
 * {@code radiusMetres} of the entrance of one of the event's {@code lots} (the lots it fills, the
 * venue's own first). Only those trips are diverted, and the unit's target is compared with the
 * fill of these lots, not of the whole unit: a shopper going to a mall beside the stadium is
 * dispatched as on any day (docs/SIMULATION.md, "The stadium match under the bureau's control",
 * measured the day made worse when the malls' shoppers were diverted with the fans). Immutable.
 */
public record EventScope(List<String> lots, double radiusMetres) {

    public EventScope {
        lots = lots == null ? List.of() : List.copyOf(lots);
    }
}
