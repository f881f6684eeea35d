package city.parkgrid.api.standards.ngsild;

import city.parkgrid.api.standards.LiveState.LiveLot;
import city.parkgrid.api.standards.LiveState.LiveZone;
import city.parkgrid.geo.GeoJsonGeometries;
import city.parkgrid.lots.Lot;
import city.parkgrid.occupancy.LotOccupancy;
import city.parkgrid.occupancy.LotStatus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Optional;

/**
 * Lots as FIWARE Smart Data Models {@code OffStreetParking} and parking units as
 * {@code ParkingGroup}, in NGSI-LD's normalized form (each attribute a Property, GeoProperty or
 * Relationship, live counts with {@code observedAt}) or its keyValues form (the shape the models'
 * {@code schema.json} describes).
 */
public final class NgsiLdEntities {

    public static final String OFF_STREET_PARKING = "OffStreetParking";
    public static final String PARKING_GROUP = "ParkingGroup";

    /** The Smart Data Models Parking context; NGSI-LD's core context is implied (as the models' examples do). */
    public static final String CONTEXT =
            "https://raw.githubusercontent.com/smart-data-models/dataModel.Parking/master/context.jsonld";

    private static final String PREFIX = "urn:ngsi-ld:";

    private NgsiLdEntities() {}

    public static String lotUrn(String lotId) {
        return PREFIX + OFF_STREET_PARKING + ":" + lotId;
    }

    public static String zoneUrn(String zoneId) {
        return PREFIX + PARKING_GROUP + ":" + zoneId;
    }

    /** The local id in {@code urn:ngsi-ld:<type>:<id>}, if the urn is of that type. */
    public static Optional<String> localId(String urn, String type) {
        String prefix = PREFIX + type + ":";
        return urn.startsWith(prefix) && urn.length() > prefix.length()
                ? Optional.of(urn.substring(prefix.length()))
                : Optional.empty();
    }

    public static JsonObject lot(LiveLot live, boolean keyValues) {
        Lot lot = live.lot();
        LotOccupancy o = live.occupancy();
        Attributes a = new Attributes(keyValues, o.updatedAt());
        JsonObject entity = new JsonObject().put("id", lotUrn(lot.id())).put("type", OFF_STREET_PARKING);
        a.property(entity, "name", lot.nameZh());
        a.property(entity, "alternateName", lot.nameEn());
        a.geo(
                entity,
                "location",
                GeoJsonGeometries.write(GeoJsonGeometries.toPoint(lot.entrance()))
                        .toString());
        a.property(entity, "allowedVehicleType", new JsonArray().add("car"));
        a.property(entity, "totalSpotNumber", lot.capacity());
        a.observed(entity, "availableSpotNumber", o.free());
        a.observed(entity, "occupiedSpotNumber", o.occupied());
        if (lot.capacity() > 0) {
            a.observed(entity, "occupancy", share(o.occupied(), lot.capacity()));
        }
        a.observed(entity, "status", new JsonArray().add(status(o.status())));
        a.property(entity, "observationDateTime", o.updatedAt().toString());
        if (lot.zoneId() != null) {
            a.relationship(entity, "refParkingGroup", zoneUrn(lot.zoneId()));
        }
        return entity;
    }

    /**
     * A unit. {@code refParkingSite} must name one site and a group of several lots has no single
     * one: it names the unit's first lot and the Property {@code refParkingSites} names them all.
     */
    public static JsonObject zone(LiveZone live, boolean keyValues) {
        Instant at = live.updatedAt() == null ? Instant.EPOCH : live.updatedAt();
        Attributes a = new Attributes(keyValues, at);
        JsonObject entity =
                new JsonObject().put("id", zoneUrn(live.zone().id())).put("type", PARKING_GROUP);
        a.property(entity, "name", live.zone().nameZh());
        a.property(entity, "alternateName", live.zone().nameEn());
        a.geo(entity, "location", GeoJsonGeometries.write(live.zone().area()).toString());
        a.property(entity, "allowedVehicleType", "car");
        long capacity = live.totals().capacity();
        a.property(entity, "totalSpotNumber", capacity);
        a.observed(entity, "availableSpotNumber", live.totals().free());
        a.observed(entity, "occupiedSpotNumber", live.totals().occupied());
        if (capacity > 0) {
            a.observed(entity, "occupancy", share(live.totals().occupied(), capacity));
        }
        a.observed(
                entity,
                "status",
                new JsonArray()
                        .add(
                                live.totals().lots() == live.totals().unknownLots()
                                                && live.totals().lots() > 0
                                        ? "unknown"
                                        : live.totals().free() > 0 ? "open" : "full"));
        if (live.updatedAt() != null) {
            a.property(entity, "observationDateTime", at.toString());
        }
        if (!live.lots().isEmpty()) {
            a.relationship(entity, "refParkingSite", lotUrn(live.lots().get(0).id()));
            // a Property, not a Relationship: a Relationship's object is one URI before NGSI-LD 1.8
            a.property(
                    entity,
                    "refParkingSites",
                    new JsonArray(live.lots().stream().map(l -> lotUrn(l.id())).toList()));
        }
        return entity;
    }

    /** Occupied over capacity, at most 1 (the models bound it; cars beyond capacity show as full). */
    private static double share(long occupied, long capacity) {
        return Math.min(1.0, Math.round(occupied * 10_000.0 / capacity) / 10_000.0);
    }

    /** The DATEX II values the model allows. */
    private static String status(LotStatus status) {
        return switch (status) {
            case OPEN -> "open";
            case FULL -> "full";
            case CLOSED -> "closed";
        };
    }

    /** Writes attributes in one of the two forms. */
    private record Attributes(boolean keyValues, Instant observedAt) {

        void property(JsonObject entity, String name, Object value) {
            entity.put(
                    name,
                    keyValues ? value : new JsonObject().put("type", "Property").put("value", value));
        }

        void observed(JsonObject entity, String name, Object value) {
            entity.put(
                    name,
                    keyValues
                            ? value
                            : new JsonObject()
                                    .put("type", "Property")
                                    .put("value", value)
                                    .put("observedAt", observedAt.toString()));
        }

        void geo(JsonObject entity, String name, String geoJson) {
            JsonObject geometry = new JsonObject(geoJson);
            entity.put(
                    name,
                    keyValues
                            ? geometry
                            : new JsonObject().put("type", "GeoProperty").put("value", geometry));
        }

        void relationship(JsonObject entity, String name, Object object) {
            entity.put(
                    name,
                    keyValues
                            ? object
                            : new JsonObject().put("type", "Relationship").put("object", object));
        }
    }
}
