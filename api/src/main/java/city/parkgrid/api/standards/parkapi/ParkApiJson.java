package city.parkgrid.api.standards.parkapi;

import city.parkgrid.api.standards.LiveState.LiveLot;
import city.parkgrid.lots.Lot;
import city.parkgrid.lots.LotKind;
import city.parkgrid.occupancy.LotOccupancy;
import city.parkgrid.occupancy.LotStatus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Lots in ParkAPI's shapes: v3's public {@code ParkingSite} (as served by ParkAPI v3 deployments
 * such as MobiData BW) and v1's {@code lots} (offenesdresden/ParkAPI, which OpenTripPlanner's
 * {@code park-api} vehicle-parking updater reads).
 */
final class ParkApiJson {

    /** The {@code source_uid} of every site: one source, this platform. */
    static final String SOURCE_UID = "parkgrid";

    private ParkApiJson() {}

    /**
     * A v3 parking site. v3 numbers its sites itself; ParkGrid's ids are slugs, so {@code id} is
     * the slug (a string) and {@code original_uid} the same. Coordinates are decimals written as
     * strings with 7 places, as v3 serialises its {@code Numeric(10, 7)} columns.
     */
    static JsonObject site(LiveLot live) {
        Lot lot = live.lot();
        LotOccupancy o = live.occupancy();
        JsonObject site = new JsonObject()
                .put("id", lot.id())
                .put("source_uid", SOURCE_UID)
                .put("original_uid", lot.id())
                .put("name", lot.nameZh())
                .put("operator_name", lot.operatorId())
                .put("type", siteType(lot.kind()))
                .put("purpose", "CAR")
                .put("lat", decimal(lot.entrance().lat()))
                .put("lon", decimal(lot.entrance().lon()))
                .put("capacity", lot.capacity())
                .put("has_realtime_data", true)
                .put("realtime_capacity", lot.capacity())
                .put("realtime_free_capacity", o.free())
                .put("realtime_opening_status", o.status() == LotStatus.CLOSED ? "CLOSED" : "OPEN")
                .put("realtime_data_updated_at", o.updatedAt().toString());
        if (lot.kind() == LotKind.PARK_AND_RIDE) {
            site.put("park_and_ride_type", new JsonArray().add("YES"));
        }
        return site;
    }

    /**
     * A v1 lot, with every member OpenTripPlanner's updater reads: {@code id}, {@code name},
     * {@code coords.lat}/{@code coords.lng}, {@code state} (it fails on a lot without one),
     * {@code total} and {@code free}, and the tags {@code lot_type}, {@code address}, {@code forecast}.
     */
    static JsonObject v1Lot(LiveLot live) {
        Lot lot = live.lot();
        LotOccupancy o = live.occupancy();
        return new JsonObject()
                .put("id", lot.id())
                .put("name", lot.nameZh())
                .put(
                        "coords",
                        new JsonObject()
                                .put("lat", lot.entrance().lat())
                                .put("lng", lot.entrance().lon()))
                .put("state", o.status() == LotStatus.CLOSED ? "closed" : "open")
                .put("total", lot.capacity())
                .put("free", o.free())
                .put("lot_type", lot.kind().name())
                .put("address", lot.nameEn())
                .put("forecast", false)
                .put("region", lot.zoneId());
    }

    private static String siteType(LotKind kind) {
        return switch (kind) {
            case ON_STREET -> "ON_STREET";
            case PARK_AND_RIDE -> "OFF_STREET_PARKING_GROUND";
            default -> "CAR_PARK";
        };
    }

    private static String decimal(double degrees) {
        return BigDecimal.valueOf(degrees).setScale(7, RoundingMode.HALF_UP).toPlainString();
    }
}
