package city.parkgrid.api.standards.parkapi;

import city.parkgrid.api.http.Problem;
import city.parkgrid.api.http.ProblemException;
import city.parkgrid.api.http.QueryParams;
import city.parkgrid.api.standards.LiveState;
import city.parkgrid.geo.GeoPoint;
import city.parkgrid.lots.Lot;
import city.parkgrid.lots.NearbyLot;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** ParkAPI, which trip planners and open-data portals read. Open to all. */
public final class ParkApiHandlers {

    static final double MAX_RADIUS_METRES = 50_000;

    private ParkApiHandlers() {}

    /** {@code GET /parkapi/v3/parking-sites?lat=&lon=&radius=}: {@code {"items": [...], "total_count": N}}. */
    public static final class Sites implements Handler<RoutingContext> {
        private final LiveState live;

        public Sites(LiveState live) {
            this.live = live;
        }

        @Override
        public void handle(RoutingContext ctx) {
            Double lat = QueryParams.number(ctx, "lat", -90, 90);
            Double lon = QueryParams.number(ctx, "lon", -180, 180);
            Double radius = QueryParams.number(ctx, "radius", 0, MAX_RADIUS_METRES);
            List<Lot> lots;
            if (lat == null && lon == null && radius == null) {
                lots = live.geography().listLots();
            } else if (lat == null || lon == null || radius == null) {
                throw new ProblemException(Problem.invalidField(
                        lat == null ? "lat" : lon == null ? "lon" : "radius", "lat, lon and radius go together"));
            } else {
                lots = live.geography().findLotsNear(GeoPoint.of(lat, lon), radius).stream()
                        .map(NearbyLot::lot)
                        .toList();
            }
            live.lots(ctx.vertx(), lots)
                    .onSuccess(all -> {
                        JsonArray items = new JsonArray();
                        all.forEach(l -> items.add(ParkApiJson.site(l)));
                        ctx.json(new JsonObject().put("items", items).put("total_count", all.size()));
                    })
                    .onFailure(ctx::fail);
        }
    }

    /** {@code GET /parkapi/v1/lots}: the v1 city document, {@code {"lots": [...], "last_updated": ...}}. */
    public static final class V1Lots implements Handler<RoutingContext> {
        private final LiveState live;
        private final Clock clock;

        public V1Lots(LiveState live, Clock clock) {
            this.live = live;
            this.clock = clock;
        }

        @Override
        public void handle(RoutingContext ctx) {
            live.lots(ctx.vertx(), live.geography().listLots())
                    .onSuccess(all -> {
                        JsonArray lots = new JsonArray();
                        Instant latest = null;
                        for (LiveState.LiveLot l : all) {
                            lots.add(ParkApiJson.v1Lot(l));
                            Instant at = l.occupancy().updatedAt();
                            latest = latest == null || at.isAfter(latest) ? at : latest;
                        }
                        Instant now = clock.instant();
                        ctx.json(new JsonObject()
                                .put("last_updated", (latest == null ? now : latest).toString())
                                .put("last_downloaded", now.toString())
                                .put("data_source", "ParkGrid")
                                .put("lots", lots));
                    })
                    .onFailure(ctx::fail);
        }
    }
}
