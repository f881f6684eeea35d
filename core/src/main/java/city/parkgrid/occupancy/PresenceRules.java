package city.parkgrid.occupancy;

/**
 * How one accepted gate event moves a lot's count, given what the lot remembers of the plate.
 * Pure and thread-safe.
 *
 * <p>Events arrive late and out of order, so the rules compare event times rather than arrival
 * order. The count never goes below zero, and every pair of ENTRY and EXIT for one visit nets to
 * zero whichever arrives first. The Redis adapter runs the same rules inside its Lua script
 * ({@code occupancy.lua}, operation {@code events}); the shared contract test and
 * {@code OccupancyDifferentialIT} keep the two in step.
 */
public final class PresenceRules {

    private PresenceRules() {
    }

    /**
     * @param next what to remember of the plate afterwards, or null to leave the memory as it is
     * @param occupiedDelta −1, 0 or +1
     * @param flag what was odd, or null
     */
    public record Step(Presence next, int occupiedDelta, GateEventFlag flag) {
    }

    public static Step apply(Presence known, GateEventType type, long at, int occupied, int capacity) {
        return type == GateEventType.ENTRY ? entry(known, at, occupied, capacity) : exit(known, at, occupied);
    }

    private static Step entry(Presence known, long at, int occupied, int capacity) {
        if (known == null || (!known.inside() && at > known.atMillis())) {
            GateEventFlag flag = occupied + 1 > capacity ? GateEventFlag.OVERFLOW : null;
            return new Step(Presence.insideSince(at), +1, flag);
        }
        if (known.inside()) {
            return new Step(at > known.atMillis() ? Presence.insideSince(at) : null, 0,
                    GateEventFlag.ALREADY_INSIDE);
        }
        if (known.orphanExit()) {
            return new Step(Presence.leftAt(known.atMillis(), false), +1, GateEventFlag.LATE_ENTRY);
        }
        return new Step(null, 0, GateEventFlag.STALE_ENTRY);
    }

    private static Step exit(Presence known, long at, int occupied) {
        if (known == null) {
            boolean countedOut = occupied > 0;
            return new Step(Presence.leftAt(at, countedOut), countedOut ? -1 : 0,
                    GateEventFlag.EXIT_WITHOUT_ENTRY);
        }
        if (!known.inside()) {
            return new Step(null, 0, GateEventFlag.NOT_INSIDE);
        }
        if (at < known.atMillis()) {
            return new Step(null, 0, GateEventFlag.STALE_EXIT);
        }
        return new Step(Presence.leftAt(at, false), occupied > 0 ? -1 : 0, null);
    }
}
