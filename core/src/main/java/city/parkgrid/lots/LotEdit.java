package city.parkgrid.lots;

import city.parkgrid.geo.GeoPoint;
import java.util.Map;
import java.util.Set;

/**
 * What a caller asks to set on a lot; null where the caller sent nothing. {@code fields} names
 * every field the caller sent, as it is called on the wire ({@code location} for the entrance),
 * including ones this type does not carry, so that the rule of who may change what can name them.
 */
public record LotEdit(
        Set<String> fields,
        String nameZh,
        String nameEn,
        String operatorId,
        LotKind kind,
        GeoPoint entrance,
        Integer capacity,
        Map<String, String> externalIds) {

    public LotEdit {
        fields = Set.copyOf(fields);
        externalIds = externalIds == null ? null : Map.copyOf(externalIds);
    }
}
