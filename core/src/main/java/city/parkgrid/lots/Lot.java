package city.parkgrid.lots;

import city.parkgrid.Identifiers;
import city.parkgrid.InvalidInputException;
import city.parkgrid.Text;
import city.parkgrid.geo.GeoPoint;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A car park connected to the platform. Immutable and thread-safe; equal by id.
 *
 * @param zoneId the parking unit whose polygon contains the entrance, or null outside every unit
 * @param externalIds the lot's ids in other systems, by scheme (e.g. {@code datex2} → {@code
 *     NL-12_408}, the id a national access point's feed references it by); one id per scheme, and
 *     an id unique per scheme across lots (the store enforces that); sorted by scheme
 */
public record Lot(
        String id,
        String nameZh,
        String nameEn,
        String operatorId,
        String zoneId,
        LotKind kind,
        GeoPoint entrance,
        int capacity,
        Map<String, String> externalIds) {

    /** The scheme of the id a DATEX II feed references a lot by. */
    public static final String DATEX2 = "datex2";

    /** A lot known by no other system. */
    public Lot(
            String id,
            String nameZh,
            String nameEn,
            String operatorId,
            String zoneId,
            LotKind kind,
            GeoPoint entrance,
            int capacity) {
        this(id, nameZh, nameEn, operatorId, zoneId, kind, entrance, capacity, Map.of());
    }

    public Lot {
        Objects.requireNonNull(id, "id");
        if (!Identifiers.isSlug(id)) {
            throw new InvalidInputException("id", "a lot id is 1 to 64 of a-z, 0-9 and '-', was '" + id + "'");
        }
        Text.require("nameZh", nameZh, Text.MAX_NAME);
        Text.require("nameEn", nameEn, Text.MAX_NAME);
        Text.require("operatorId", operatorId, Text.MAX_ID);
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(entrance, "entrance");
        if (capacity < 0) {
            throw new InvalidInputException("capacity", "must not be negative, was " + capacity);
        }
        externalIds = checkedExternalIds(externalIds);
    }

    /**
     * Schemes are slugs (as lot ids); ids are free text of at most {@link Text#MAX_REFERENCE}
     * characters, as other systems mint them ({@code NL-12_408}, {@code urn:…}).
     */
    private static Map<String, String> checkedExternalIds(Map<String, String> ids) {
        if (ids == null || ids.isEmpty()) {
            return Map.of();
        }
        TreeMap<String, String> sorted = new TreeMap<>();
        for (Map.Entry<String, String> e : ids.entrySet()) {
            String scheme = e.getKey();
            if (scheme == null || !Identifiers.isSlug(scheme)) {
                throw new InvalidInputException(
                        "externalIds", "a scheme is 1 to 64 of a-z, 0-9 and '-', was '" + scheme + "'");
            }
            sorted.put(scheme, Text.require("externalIds." + scheme, e.getValue(), Text.MAX_REFERENCE));
        }
        return Collections.unmodifiableMap(sorted);
    }

    /** This lot's id in another system's scheme. */
    public Optional<String> findExternalId(String scheme) {
        return Optional.ofNullable(externalIds.get(scheme));
    }

    /** Equal in every field, unlike {@link #equals}, which compares ids (entity equality). */
    public boolean equalsAllFields(Lot other) {
        return id.equals(other.id)
                && nameZh.equals(other.nameZh)
                && nameEn.equals(other.nameEn)
                && operatorId.equals(other.operatorId)
                && Objects.equals(zoneId, other.zoneId)
                && kind == other.kind
                && entrance.equals(other.entrance)
                && capacity == other.capacity
                && externalIds.equals(other.externalIds);
    }

    /** The same lot in another parking unit (units are derived from geometry, see GeoIndex). */
    public Lot withZoneId(String newZoneId) {
        return new Lot(id, nameZh, nameEn, operatorId, newZoneId, kind, entrance, capacity, externalIds);
    }

    /** The same lot with other external ids. */
    public Lot withExternalIds(Map<String, String> ids) {
        return new Lot(id, nameZh, nameEn, operatorId, zoneId, kind, entrance, capacity, ids);
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
