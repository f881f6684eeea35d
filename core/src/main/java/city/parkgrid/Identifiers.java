package city.parkgrid;

import java.util.regex.Pattern;

/**
 * The alphabet of ParkGrid's own ids (lots, zones, regions): they go into URLs, Redis hash tags and
 * SQL, so they are kept to lower-case ASCII letters, digits and hyphens.
 */
public final class Identifiers {

    public static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    private Identifiers() {}

    public static boolean isSlug(String id) {
        return id != null && SLUG.matcher(id).matches();
    }
}
