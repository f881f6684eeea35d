package city.parkgrid.api.standards.ngsild;

import city.parkgrid.NotFoundException;
import city.parkgrid.StorageUnavailableException;
import city.parkgrid.api.http.Problem;
import city.parkgrid.api.http.ProblemException;
import city.parkgrid.api.http.QueryParams;
import city.parkgrid.api.standards.LiveState;
import city.parkgrid.catalog.Geography;
import city.parkgrid.lots.Lot;
import city.parkgrid.zones.Zone;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * FIWARE NGSI-LD's read side ({@code /ngsi-ld/v1/entities}) for smart-city platforms: lots and
 * parking units as Smart Data Models entities. Open to all, like the lots themselves. As NGSI-LD
 * says, a client that accepts {@code application/ld+json} gets the {@code @context} in the body;
 * any other gets {@code application/json} and the context in a {@code Link} header.
 */
public final class NgsiLdHandlers {

    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 1_000;
    static final String LD_JSON = "application/ld+json";
    static final String CONTEXT_LINK = "<" + NgsiLdEntities.CONTEXT
            + ">; rel=\"http://www.w3.org/ns/json-ld#context\"; type=\"application/ld+json\"";

    private NgsiLdHandlers() {}

    /** {@code GET /ngsi-ld/v1/entities?type=OffStreetParking|ParkingGroup&options=keyValues&limit=&offset=&count=}. */
    public static final class Query implements Handler<RoutingContext> {
        private final LiveState live;

        public Query(LiveState live) {
            this.live = live;
        }

        @Override
        public void handle(RoutingContext ctx) {
            String type = ctx.queryParams().get("type");
            boolean keyValues = keyValues(ctx);
            int limit = QueryParams.integer(ctx, "limit", DEFAULT_LIMIT, 0, MAX_LIMIT);
            int offset = QueryParams.integer(ctx, "offset", 0, 0, Integer.MAX_VALUE);
            Geography geography = live.geography();
            Future<List<JsonObject>> entities;
            int matched;
            if (NgsiLdEntities.OFF_STREET_PARKING.equals(type)) {
                List<Lot> all = geography.listLots();
                matched = all.size();
                entities = live.lots(ctx.vertx(), QueryParams.page(all, offset, limit))
                        .map(lots -> lots.stream()
                                .map(l -> NgsiLdEntities.lot(l, keyValues))
                                .toList());
            } else if (NgsiLdEntities.PARKING_GROUP.equals(type)) {
                List<Zone> all = geography.listZones();
                matched = all.size();
                entities = live.zones(ctx.vertx(), QueryParams.page(all, offset, limit))
                        .map(zones -> zones.stream()
                                .map(z -> NgsiLdEntities.zone(z, keyValues))
                                .toList());
            } else {
                throw new ProblemException(Problem.invalidField(
                        "type",
                        type == null
                                ? "is required: OffStreetParking or ParkingGroup"
                                : "'" + type + "' is not served; the types are OffStreetParking and ParkingGroup"));
            }
            entities.onSuccess(found -> {
                        if ("true".equals(ctx.queryParams().get("count"))) {
                            ctx.response().putHeader("NGSILD-Results-Count", String.valueOf(matched));
                        }
                        if ((long) offset + found.size() < matched && limit > 0) {
                            String next = ctx.request().path() + "?type=" + type + "&limit=" + limit + "&offset="
                                    + (offset + found.size()) + (keyValues ? "&options=keyValues" : "");
                            ctx.response().headers().add("Link", "<" + next + ">; rel=\"next\"");
                        }
                        boolean ld = wantsLd(ctx);
                        JsonArray body = new JsonArray();
                        found.forEach(e -> body.add(ld ? withContext(e) : e));
                        respond(ctx, ld, body.encode());
                    })
                    .onFailure(ctx::fail);
        }
    }

    /** {@code GET /ngsi-ld/v1/entities/{entityId}}: one entity; 404 for an id ParkGrid does not hold. */
    public static final class Retrieve implements Handler<RoutingContext> {
        private final LiveState live;

        public Retrieve(LiveState live) {
            this.live = live;
        }

        @Override
        public void handle(RoutingContext ctx) {
            String urn = ctx.pathParam("entityId");
            boolean keyValues = keyValues(ctx);
            Geography geography = live.geography();
            Optional<Lot> lot = NgsiLdEntities.localId(urn, NgsiLdEntities.OFF_STREET_PARKING)
                    .flatMap(geography::findLot);
            Optional<Zone> zone =
                    NgsiLdEntities.localId(urn, NgsiLdEntities.PARKING_GROUP).flatMap(geography::findZone);
            Future<JsonObject> entity;
            if (lot.isPresent()) {
                entity = live.lots(ctx.vertx(), List.of(lot.get())).map(l -> {
                    if (l.isEmpty()) {
                        throw new StorageUnavailableException(
                                "Redis",
                                "the live state of lot " + lot.get().id() + " is unknown until it is restored",
                                null);
                    }
                    return NgsiLdEntities.lot(l.get(0), keyValues);
                });
            } else if (zone.isPresent()) {
                entity =
                        live.zones(ctx.vertx(), List.of(zone.get())).map(z -> NgsiLdEntities.zone(z.get(0), keyValues));
            } else {
                throw new NotFoundException("entity", urn, "no entity '" + urn + "'");
            }
            entity.onSuccess(e -> {
                        boolean ld = wantsLd(ctx);
                        respond(ctx, ld, (ld ? withContext(e) : e).encode());
                    })
                    .onFailure(ctx::fail);
        }
    }

    /** {@code options=keyValues} (or NGSI-LD 1.6's synonym {@code simplified}), possibly among others. */
    private static boolean keyValues(RoutingContext ctx) {
        String options = ctx.queryParams().get("options");
        if (options == null) {
            return false;
        }
        for (String option : options.split(",")) {
            String o = option.trim();
            if (o.equals("keyValues") || o.equals("simplified")) {
                return true;
            }
        }
        return false;
    }

    private static boolean wantsLd(RoutingContext ctx) {
        String accept = ctx.request().getHeader("Accept");
        return accept != null && accept.toLowerCase(Locale.ROOT).contains(LD_JSON);
    }

    private static JsonObject withContext(JsonObject entity) {
        return entity.copy().put("@context", new JsonArray().add(NgsiLdEntities.CONTEXT));
    }

    private static void respond(RoutingContext ctx, boolean ld, String body) {
        if (ld) {
            ctx.response().putHeader("Content-Type", LD_JSON);
        } else {
            ctx.response()
                    .putHeader("Content-Type", "application/json")
                    .headers()
                    .add("Link", CONTEXT_LINK);
        }
        ctx.response().end(body);
    }
}
