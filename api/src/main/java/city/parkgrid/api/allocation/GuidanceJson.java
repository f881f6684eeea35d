package city.parkgrid.api.allocation;

import city.parkgrid.allocation.Diversion;
import city.parkgrid.allocation.GuidanceRequest;
import city.parkgrid.allocation.RankedOption;
import city.parkgrid.allocation.VehicleKind;
import city.parkgrid.api.http.JsonInput;
import city.parkgrid.api.http.Problem;
import city.parkgrid.api.http.ProblemException;
import city.parkgrid.geo.GeoPoint;
import city.parkgrid.lots.NearbyLot;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/** The wire shapes shared by guidance and allocation: the destination wish, options, alternatives. */
final class GuidanceJson {

    static final double MAX_WALK_LIMIT_METRES = 5_000;

    private GuidanceJson() {}

    /** Reads {@code destination, origin?, arriveAt?, durationMinutes?, maxWalkMeters?, vehicle?}. */
    static GuidanceRequest request(JsonObject body) {
        GeoPoint destination = point(body.getValue("destination"), "destination");
        GeoPoint origin = body.getValue("origin") == null ? null : point(body.getValue("origin"), "origin");
        Instant arriveAt =
                body.getValue("arriveAt") == null ? null : JsonInput.requiredInstant(body, "arriveAt", "arriveAt");
        Integer duration = body.getValue("durationMinutes") == null
                ? null
                : JsonInput.requiredInt(body, "durationMinutes", "durationMinutes");
        if (duration != null && (duration < 1 || duration > 7 * 24 * 60)) {
            throw new ProblemException(Problem.invalidField("durationMinutes", "must be between 1 and 10080 (a week)"));
        }
        double maxWalk = GuidanceRequest.DEFAULT_MAX_WALK_METRES;
        if (body.getValue("maxWalkMeters") != null) {
            maxWalk = JsonInput.requiredInt(body, "maxWalkMeters", "maxWalkMeters");
            if (maxWalk < 1 || maxWalk > MAX_WALK_LIMIT_METRES) {
                throw new ProblemException(Problem.invalidField("maxWalkMeters", "must be between 1 and 5000"));
            }
        }
        VehicleKind vehicle = VehicleKind.CAR;
        if (body.getValue("vehicle") != null) {
            JsonObject v = JsonInput.object(body.getValue("vehicle"), "vehicle");
            vehicle = JsonInput.requiredEnum(v, "kind", "vehicle.kind", VehicleKind.class);
        }
        return new GuidanceRequest(destination, origin, arriveAt, duration, maxWalk, vehicle);
    }

    static GeoPoint point(Object value, String field) {
        JsonObject json = JsonInput.object(value, field);
        if (!(json.getValue("lat") instanceof Number lat) || !(json.getValue("lon") instanceof Number lon)) {
            throw new ProblemException(Problem.invalidField(field, "must be {\"lat\": degrees, \"lon\": degrees}"));
        }
        try {
            return GeoPoint.of(lat.doubleValue(), lon.doubleValue());
        } catch (IllegalArgumentException e) {
            throw new ProblemException(Problem.invalidField(field, e.getMessage()));
        }
    }

    static JsonObject option(RankedOption option) {
        var c = option.candidate();
        JsonObject json = new JsonObject()
                .put("lotId", c.lot().id())
                .put("name", c.lot().nameZh())
                .put("nameEn", c.lot().nameEn())
                .put("zoneId", c.lot().zoneId())
                .put("kind", c.lot().kind().name())
                .put("free", c.occupancy().free())
                .put("walkMeters", Math.round(c.walkMetres()))
                .put("score", Math.round(option.cost() * 10) / 10.0);
        if (c.fee() != null) {
            json.put("estimatedFeeFen", c.fee().fen());
        }
        if (c.rate() != null) {
            JsonObject rate = new JsonObject()
                    .put("fen", c.rate().rate().fen())
                    .put("unitMinutes", c.rate().unitMinutes());
            if (c.rate().nextFrom() != null) {
                // a scheduled change (a bureau's reviewed rate) is published before it applies
                rate.put(
                        "next",
                        new JsonObject()
                                .put("fen", c.rate().nextRate().fen())
                                .put("effectiveFrom", c.rate().nextFrom().toString()));
            }
            json.put("rate", rate);
        }
        if (c.arrival() != null) {
            json.put(
                    "atArrival",
                    new JsonObject()
                            .put("at", c.arrival().at().toString())
                            .put("expectedFree", Math.round(c.arrival().expectedFree() * 10) / 10.0)
                            .put("probabilityFree", Math.round(c.arrival().probabilityFree() * 1000) / 1000.0));
        }
        return json;
    }

    /** Tells the driver why they are sent out of their destination's unit, when they are. */
    static JsonObject withDiversion(JsonObject json, Diversion diversion) {
        if (diversion != null) {
            json.put(
                    "diversion",
                    new JsonObject()
                            .put("fromZone", diversion.fromZone())
                            .put("toZones", new JsonArray(diversion.toZones()))
                            .put("reason", diversion.reason()));
        }
        return json;
    }

    static JsonObject alternative(NearbyLot n) {
        return new JsonObject()
                .put("lotId", n.lot().id())
                .put("name", n.lot().nameZh())
                .put("nameEn", n.lot().nameEn())
                .put("zoneId", n.lot().zoneId())
                .put("kind", n.lot().kind().name())
                .put("walkMeters", Math.round(n.distanceMetres()));
    }
}
