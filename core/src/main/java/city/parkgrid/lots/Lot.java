package city.parkgrid.lots;

import city.parkgrid.geo.GeoPoint;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A car park connected to the platform. Immutable and thread-safe; equal by id.
 *
 * @param zoneId the parking unit whose polygon contains the entrance, or null outside every unit
 */
public record Lot(
        String id,
        String nameZh,
        String nameEn,
        String operatorId,
        String zoneId,
        LotKind kind,
        GeoPoint entrance,
        int capacity) {

    /**
     * Lot ids go into Redis hash tags and URLs, so they are kept to a safe alphabet.
     */
    public static final Pattern ID_PATTERN = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    public Lot {
        Objects.requireNonNull(id, "id");
        if (!ID_PATTERN.matcher(id).matches()) {
            throw new IllegalArgumentException("lot id must match " + ID_PATTERN + ", was " + id);
        }
        Objects.requireNonNull(nameZh, "nameZh");
        Objects.requireNonNull(nameEn, "nameEn");
        Objects.requireNonNull(operatorId, "operatorId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(entrance, "entrance");
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must not be negative, was " + capacity);
        }
    }

    public Optional<String> findZoneId() {
        return Optional.ofNullable(zoneId);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Lot other && id.equals(other.id);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }
}
