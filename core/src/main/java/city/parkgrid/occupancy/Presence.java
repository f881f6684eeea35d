package city.parkgrid.occupancy;

/**
 * What a lot remembers of one plate: inside since a time, or left at a time.
 *
 * @param orphanExit for a plate that left: its exit came without a known entry and took one car
 *     off the count, so a late entry for that visit must put it back
 */
public record Presence(boolean inside, long atMillis, boolean orphanExit) {

    public static Presence insideSince(long atMillis) {
        return new Presence(true, atMillis, false);
    }

    public static Presence leftAt(long atMillis, boolean orphanExit) {
        return new Presence(false, atMillis, orphanExit);
    }
}
