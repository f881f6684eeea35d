package city.parkgrid.occupancy;

/**
 * How one accepted gate event moves a lot's count, given what the lot remembers of the plate.
 * Pure and thread-safe.
 *
 * <p>Events arrive late and out of order, so the rules compare event times rather than arrival
 * order. A plate adds to the count one if its latest event (by event time) is an entry, and takes
 * one off while an exit that came before anything else known of it waits for its late entry (the
 * orphan exit); each event moves the count by what it changes of these two. So the latest event is
 * always remembered, whichever order it came in, and the orphan exit is kept through later visits
 * until an entry older than the latest event comes: with every event of a plate's visits delivered,
 * its oldest event is an entry, which always clears it. The count therefore ends the same whatever
 * the delivery order: one per visit not ended. The count never goes below zero: an exit that would
 * take it there is not counted (and an orphan exit that was not counted expects no entry back),
 * which is exact for any one plate but may leave one car too many where one plate's orphan exit
 * took the car of another that then left. The Redis adapter runs the same rules inside its Lua
 * script ({@code occupancy.lua}, operation {@code events}); the shared contract test and
 * {@code OccupancyDifferentialIT} keep the two in step.
 */
public final class PresenceRules {

    private PresenceRules() {}

    /**
     * @param next what to remember of the plate afterwards, or null to leave the memory as it is
     * @param occupiedDelta −1, 0 or +1
     * @param flag what was odd, or null
     */
    public record Step(Presence next, int occupiedDelta, GateEventFlag flag) {}

    public static Step apply(Presence known, GateEventType type, long at, int occupied, int capacity) {
        return type == GateEventType.ENTRY ? entry(known, at, occupied, capacity) : exit(known, at, occupied);
    }

    private static Step entry(Presence known, long at, int occupied, int capacity) {
        if (known == null || (!known.inside() && at > known.atMillis())) {
            // a new visit; an orphan exit of an earlier one still waits for its entry
            GateEventFlag flag = occupied + 1 > capacity ? GateEventFlag.OVERFLOW : null;
            return new Step(Presence.insideSince(at, known != null && known.orphanExit()), +1, flag);
        }
        if (known.inside() && at >= known.atMillis()) {
            return new Step(
                    at > known.atMillis() ? Presence.insideSince(at, known.orphanExit()) : null,
                    0,
                    GateEventFlag.ALREADY_INSIDE);
        }
        // older than the latest event: the entry of an earlier visit
        if (known.orphanExit()) {
            return new Step(known.withoutOrphanExit(), +1, GateEventFlag.LATE_ENTRY);
        }
        return new Step(null, 0, known.inside() ? GateEventFlag.ALREADY_INSIDE : GateEventFlag.STALE_ENTRY);
    }

    private static Step exit(Presence known, long at, int occupied) {
        if (known == null) {
            boolean countedOut = occupied > 0;
            return new Step(Presence.leftAt(at, countedOut), countedOut ? -1 : 0, GateEventFlag.EXIT_WITHOUT_ENTRY);
        }
        if (!known.inside()) {
            // the latest exit is remembered, so that an entry between the two is known to be older
            return new Step(
                    at > known.atMillis() ? Presence.leftAt(at, known.orphanExit()) : null,
                    0,
                    GateEventFlag.NOT_INSIDE);
        }
        if (at < known.atMillis()) {
            return new Step(null, 0, GateEventFlag.STALE_EXIT);
        }
        return new Step(Presence.leftAt(at, known.orphanExit()), occupied > 0 ? -1 : 0, null);
    }
}
