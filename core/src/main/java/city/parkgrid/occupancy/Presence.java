package city.parkgrid.occupancy;

/**
 * What a lot remembers of one plate: the latest thing known of it (inside since a time, or left at
 * a time, whichever event is the latest by event time) and whether an exit without entry is still
 * waiting for its late entry.
 *
 * @param orphanExit an exit came before anything else known of the plate and took one car off the
 *     count; the late entry of that visit must put it back. Kept when the plate enters and leaves
 *     again meanwhile, since that entry may still come (see {@link PresenceRules})
 */
public record Presence(boolean inside, long atMillis, boolean orphanExit) {

    public static Presence insideSince(long atMillis) {
        return new Presence(true, atMillis, false);
    }

    public static Presence insideSince(long atMillis, boolean orphanExit) {
        return new Presence(true, atMillis, orphanExit);
    }

    public static Presence leftAt(long atMillis, boolean orphanExit) {
        return new Presence(false, atMillis, orphanExit);
    }

    /** The same latest fact, with the waiting exit's car put back. */
    Presence withoutOrphanExit() {
        return new Presence(inside, atMillis, false);
    }
}
