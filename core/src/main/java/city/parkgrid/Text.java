package city.parkgrid;

/**
 * What text the platform accepts, the same in every adapter: dev's memory would hold anything a
 * Java string can, but PostgreSQL {@code text} cannot hold NUL, and control characters in a name
 * or a reason only ever reach a screen or a log as garbage. So every string that enters the
 * domain passes here, and a value one adapter refuses is refused before any adapter sees it.
 *
 * <p>Limits (counted in Unicode code points, so a Chinese name counts its characters): ids and
 * operator ids 64, names 200, references and idempotency keys 128, reasons and free text 500.
 * No C0 or C1 control character (NUL, tab, newline, DEL, U+0080–U+009F) and no unpaired surrogate
 * is accepted anywhere; ordinary Unicode, Chinese included, is.
 */
public final class Text {

    /** Ids of things ParkGrid does not mint itself (accounts, residents, operators). */
    public static final int MAX_ID = 64;

    /** A lot's, zone's or region's name, in either language. */
    public static final int MAX_NAME = 200;

    /** A reference at a payer, an idempotency key. */
    public static final int MAX_REFERENCE = 128;

    /** Why a control was set; who set it. */
    public static final int MAX_REASON = 500;

    private Text() {}

    /**
     * The value itself, when it is present, not blank, at most {@code maxLength} code points and
     * free of control characters.
     *
     * @throws InvalidInputException naming {@code field} otherwise
     */
    public static String require(String field, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException(field, "is required and must not be blank");
        }
        return check(field, value, maxLength);
    }

    /** As {@link #require}, but null is allowed (and returned). */
    public static String optional(String field, String value, int maxLength) {
        return value == null ? null : require(field, value, maxLength);
    }

    /** Whether {@link #require} would accept the value. */
    public static boolean acceptable(String value, int maxLength) {
        return value != null && !value.isBlank() && problem(value, maxLength) == null;
    }

    private static String check(String field, String value, int maxLength) {
        String problem = problem(value, maxLength);
        if (problem != null) {
            throw new InvalidInputException(field, problem);
        }
        return value;
    }

    private static String problem(String value, int maxLength) {
        int length = value.codePointCount(0, value.length());
        if (length > maxLength) {
            return "must be at most " + maxLength + " characters, was " + length;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.getType(c) == Character.CONTROL) {
                return String.format("must not contain control characters, found U+%04X at %d", (int) c, i);
            }
            if (Character.isHighSurrogate(c)
                    && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return String.format("must be valid Unicode, found an unpaired surrogate at %d", i);
            }
        }
        return null;
    }
}
