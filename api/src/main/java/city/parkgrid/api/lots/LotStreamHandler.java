package city.parkgrid.api.lots;

import city.parkgrid.api.http.Problem;
import city.parkgrid.api.http.ProblemException;
import city.parkgrid.catalog.Geography;
import city.parkgrid.lots.Lot;
import city.parkgrid.occupancy.LotOccupancy;
import city.parkgrid.occupancy.OccupancyService;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /v1/lots/stream?zone=ID}: Server-Sent Events for navigation providers. The stream opens
 * with the current state of every lot in the unit (so a client reconnecting with
 * {@code Last-Event-ID} is whole again at once), then sends an event for each lot whose occupancy
 * changed, at most one per lot per second.
 *
 * <p>Each connection reads the unit's lots from the shared store once a second: changes made on any
 * node reach every stream, and a burst of gate events at one lot coalesces into one event. A few
 * dozen providers and consoles per node cost a few dozen pipelined reads per second.
 */
public final class LotStreamHandler implements Handler<RoutingContext> {

    static final long PERIOD_MILLIS = 1_000;
    static final long KEEP_ALIVE_MILLIS = 15_000;

    private final Geography geography;
    private final OccupancyService occupancy;

    public LotStreamHandler(Geography geography, OccupancyService occupancy) {
        this.geography = geography;
        this.occupancy = occupancy;
    }

    @Override
    public void handle(RoutingContext ctx) {
        String zone = ctx.queryParams().get("zone");
        if (zone == null) {
            throw new ProblemException(Problem.invalidField("zone", "is required: the parking unit to follow"));
        }
        if (geography.findZone(zone).isEmpty()) {
            throw new ProblemException(Problem.notFound("no parking unit '" + zone + "'"));
        }
        HttpServerResponse response = ctx.response()
                .setChunked(true)
                .putHeader("Content-Type", "text/event-stream; charset=utf-8")
                .putHeader("Cache-Control", "no-cache")
                .putHeader("X-Accel-Buffering", "no");
        response.write("retry: 2000\n\n");
        Map<String, Long> sentVersions = new HashMap<>();
        long[] lastWrite = {System.currentTimeMillis()};
        Runnable poll = () -> {
            List<Lot> lots = geography.listLotsInZone(zone);
            Future.fromCompletionStage(occupancy.listOccupancy(lots.stream().map(Lot::id).toList()),
                    ctx.vertx().getOrCreateContext()).onSuccess(states -> {
                        if (response.closed()) {
                            return;
                        }
                        long now = System.currentTimeMillis();
                        for (Lot lot : lots) {
                            LotOccupancy state = states.getOrDefault(lot.id(), LotOccupancy.empty(lot.id(), lot.capacity()));
                            Long sent = sentVersions.put(lot.id(), state.version());
                            if (sent == null || sent != state.version()) {
                                JsonObject data = new JsonObject().put("lotId", lot.id()).put("zoneId", zone)
                                        .put("occupancy", LotJson.occupancy(state));
                                response.write("id: " + lot.id() + ":" + state.version() + "\nevent: occupancy\ndata: "
                                        + data.encode() + "\n\n");
                                lastWrite[0] = now;
                            }
                        }
                        if (now - lastWrite[0] >= KEEP_ALIVE_MILLIS) {
                            response.write(": keep-alive\n\n");
                            lastWrite[0] = now;
                        }
                    });
        };
        poll.run();
        long timer = ctx.vertx().setPeriodic(PERIOD_MILLIS, id -> poll.run());
        response.closeHandler(closed -> ctx.vertx().cancelTimer(timer));
    }
}
