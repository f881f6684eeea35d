package city.parkgrid.api.standards.apds;

import city.parkgrid.api.http.Problem;
import city.parkgrid.api.http.ProblemException;
import city.parkgrid.api.http.QueryParams;
import city.parkgrid.api.lots.GetLotHandler;
import city.parkgrid.api.standards.LiveState;
import city.parkgrid.forecast.OccupancyForecasts;
import city.parkgrid.geo.GeoPoint;
import city.parkgrid.lots.Lot;
import city.parkgrid.lots.NearbyLot;
import city.parkgrid.tariffs.TariffStore;
import city.parkgrid.tariffs.TariffVersions;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * APDS v4's read side for the parking industry: places (with occupancy on request) and rates.
 * Open to all; the places are the lots everyone may read. Pages of {@value #PAGE_SIZE}.
 */
public final class ApdsHandlers {

    static final int PAGE_SIZE = 100;
    static final double DEFAULT_RADIUS_METRES = 1_000;
    static final double MAX_RADIUS_METRES = 50_000;

    private ApdsHandlers() {}

    /** {@code GET /apds/v4/places?latitude=&longitude=&radius=&expand=occupancy&page=}. */
    public static final class Places implements Handler<RoutingContext> {
        private final LiveState live;
        private final Clock clock;

        public Places(LiveState live, Clock clock) {
            this.live = live;
            this.clock = clock;
        }

        @Override
        public void handle(RoutingContext ctx) {
            List<Lot> matched = near(ctx);
            int page = QueryParams.integer(ctx, "page", 1, 1, Integer.MAX_VALUE);
            int offset = (int) Math.min(Integer.MAX_VALUE, (long) (page - 1) * PAGE_SIZE);
            boolean occupancy = expandsOccupancy(ctx);
            Instant now = clock.instant();
            live.lots(ctx.vertx(), QueryParams.page(matched, offset, PAGE_SIZE))
                    .onSuccess(lots -> {
                        JsonArray data = new JsonArray();
                        lots.forEach(l -> data.add(ApdsJson.place(l, occupancy, now)));
                        ctx.json(new JsonObject()
                                .put("meta", ApdsJson.meta(now, offset, PAGE_SIZE, matched.size()))
                                .put("data", data));
                    })
                    .onFailure(ctx::fail);
        }

        /** APDS names the point {@code latitude}/{@code longitude}; {@code lat}/{@code lon} are taken too. */
        private List<Lot> near(RoutingContext ctx) {
            Double lat = either(ctx, "latitude", "lat", 90);
            Double lon = either(ctx, "longitude", "lon", 180);
            Double radius = QueryParams.number(ctx, "radius", 0, MAX_RADIUS_METRES);
            if (lat == null && lon == null && radius == null) {
                return live.geography().listLots();
            }
            if (lat == null || lon == null) {
                throw new ProblemException(Problem.invalidField(
                        lat == null ? "latitude" : "longitude", "latitude and longitude are needed together"));
            }
            return live
                    .geography()
                    .findLotsNear(GeoPoint.of(lat, lon), radius == null ? DEFAULT_RADIUS_METRES : radius)
                    .stream()
                    .map(NearbyLot::lot)
                    .toList();
        }

        private static Double either(RoutingContext ctx, String name, String alias, double bound) {
            Double value = QueryParams.number(ctx, name, -bound, bound);
            return value != null ? value : QueryParams.number(ctx, alias, -bound, bound);
        }
    }

    /** {@code GET /apds/v4/places/{placeId}?expand=occupancy}. */
    public static final class Place implements Handler<RoutingContext> {
        /** How far ahead a place's demand is published as {@code expected}. */
        static final List<Duration> AHEAD = List.of(Duration.ofMinutes(30), Duration.ofHours(1), Duration.ofHours(2));

        private final LiveState live;
        private final OccupancyForecasts forecasts;
        private final Clock clock;

        public Place(LiveState live, OccupancyForecasts forecasts, Clock clock) {
            this.live = live;
            this.forecasts = forecasts;
            this.clock = clock;
        }

        @Override
        public void handle(RoutingContext ctx) {
            Lot lot = GetLotHandler.requireLot(live.geography(), ctx.pathParam("placeId"));
            boolean occupancy = expandsOccupancy(ctx);
            Instant now = clock.instant();
            live.lots(ctx.vertx(), List.of(lot))
                    .compose(l -> !occupancy
                            ? Future.succeededFuture(ApdsJson.place(l.get(0), false, now))
                            // the forecasts read weeks of history: on a worker
                            : ctx.vertx()
                                    .executeBlocking(
                                            () -> AHEAD.stream()
                                                    .map(ahead -> forecasts.forLot(lot.id(), now.plus(ahead)))
                                                    .toList(),
                                            false)
                                    .map(expected -> ApdsJson.place(l.get(0), true, now, expected)))
                    .onSuccess(ctx::json)
                    .onFailure(ctx::fail);
        }
    }

    /** {@code GET /apds/v4/rates?page=}: the tariffs of the lots that have one, two rate tables each. */
    public static final class Rates implements Handler<RoutingContext> {
        private final LiveState live;
        private final TariffStore tariffs;
        private final Clock clock;

        public Rates(LiveState live, TariffStore tariffs, Clock clock) {
            this.live = live;
            this.tariffs = tariffs;
            this.clock = clock;
        }

        @Override
        public void handle(RoutingContext ctx) {
            int page = QueryParams.integer(ctx, "page", 1, 1, Integer.MAX_VALUE);
            List<Lot> lots = live.geography().listLots();
            Instant now = clock.instant();
            ctx.vertx()
                    .executeBlocking(
                            () -> {
                                Map<String, TariffVersions> all = tariffs.findVersions(
                                        lots.stream().map(Lot::id).toList());
                                List<JsonObject> tables = new ArrayList<>();
                                for (Lot lot : lots) {
                                    TariffVersions v = all.get(lot.id());
                                    if (v != null) {
                                        tables.addAll(ApdsJson.rateTables(lot, v, now));
                                    }
                                }
                                return tables;
                            },
                            false)
                    .onSuccess(tables -> {
                        int offset = (int) Math.min(Integer.MAX_VALUE, (long) (page - 1) * PAGE_SIZE);
                        ctx.json(new JsonObject()
                                .put("meta", ApdsJson.meta(now, offset, PAGE_SIZE, tables.size()))
                                .put("data", new JsonArray(QueryParams.page(tables, offset, PAGE_SIZE))));
                    })
                    .onFailure(ctx::fail);
        }
    }

    private static boolean expandsOccupancy(RoutingContext ctx) {
        String expand = ctx.queryParams().get("expand");
        if (expand == null) {
            return false;
        }
        for (String part : expand.split(",")) {
            if (part.trim().equals("occupancy")) {
                return true;
            }
        }
        return false;
    }
}
