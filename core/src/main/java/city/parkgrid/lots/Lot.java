package city.parkgrid.lots;

import city.parkgrid.Identifiers;
import city.parkgrid.InvalidInputException;
import city.parkgrid.Text;
import city.parkgrid.geo.GeoPoint;
import java.util.Objects;
import java.util.Optional;

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
                && capacity == other.capacity;
    }

    /** The same lot in another parking unit (units are derived from geometry, see GeoIndex). */
    public Lot withZoneId(String newZoneId) {
        return new Lot(id, nameZh, nameEn, operatorId, newZoneId, kind, entrance, capacity);
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
