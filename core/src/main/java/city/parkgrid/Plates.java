package city.parkgrid;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Licence plates as the platform keys them: spaces, '-' and '·' dropped, letters upper-cased, so
 * that "沪A 12345", "沪A-12345" and "沪a12345" are one car. Chinese plates are 7 or 8 characters
 * (沪A12345, 沪AD12345); the limit leaves room for other formats. Compatibility forms are folded
 * first (Unicode NFKC): Chinese input methods readily type full-width letters and digits, and
 * "沪Ａ１２３４５" on a gate camera or in an app is the same car as "沪A12345".
 */
public final class Plates {

    private static final Pattern PLATE = Pattern.compile("[\\p{L}\\p{N}]{2,16}");

    private Plates() {}

    /**
     * @return the normalised plate
     * @throws InvalidInputException (field {@code plate}) when it is not a plausible plate
     */
    public static String normalise(String plate) {
        String normalised = Normalizer.normalize(plate, Normalizer.Form.NFKC)
                .replace(" ", "")
                .replace("·", "")
                .replace("-", "")
                .toUpperCase(Locale.ROOT);
        if (!PLATE.matcher(normalised).matches()) {
            throw new InvalidInputException(
                    "plate", "must be 2 to 16 letters or digits, e.g. 沪A12345, was '" + plate + "'");
        }
        return normalised;
    }
}
