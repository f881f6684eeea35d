package city.parkgrid.occupancy;

import java.security.SecureRandom;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Hold ids are {@code <lotId>.<random>}: the lot is part of the id, so every node can go straight to
 * the lot's keys (one Redis Cluster slot) without a global index. The random part is 16 base-32
 * characters (80 bits), so ids cannot be guessed. Thread-safe.
 */
public final class HoldIds {

    private static final char[] ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789".toCharArray();
    /** Checked on every hold look-up and end (the sweeper's too): compiled once. */
    private static final Pattern RANDOM_PART = Pattern.compile("[a-z2-9]{16}");

    private static final SecureRandom RANDOM = new SecureRandom();

    private HoldIds() {}

    public static String newId(String lotId) {
        char[] random = new char[16];
        for (int i = 0; i < random.length; i++) {
            random[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return lotId + "." + new String(random);
    }

    /** The lot of a well-formed hold id. */
    public static Optional<String> lotOf(String holdId) {
        int dot = holdId == null ? -1 : holdId.lastIndexOf('.');
        if (dot <= 0
                || dot == holdId.length() - 1
                || !RANDOM_PART.matcher(holdId).region(dot + 1, holdId.length()).matches()) {
            return Optional.empty();
        }
        return Optional.of(holdId.substring(0, dot));
    }
}
