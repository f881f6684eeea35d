package city.parkgrid.api.zones;

import city.parkgrid.zones.control.ZoneControls;
import city.parkgrid.catalog.Geography;
import city.parkgrid.lots.Lot;
import city.parkgrid.occupancy.OccupancyService;
import city.parkgrid.occupancy.OccupancyTotals;
import city.parkgrid.zones.Zone;
import city.parkgrid.zones.control.ZoneControl;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /v1/zones/stream}: Server-Sent Events for the bureau's console and navigation
 * providers: a {@code control} event for every change of a unit's mode, and at most once a second
 * a {@code totals} event for each unit whose totals changed. Opens with the state of every unit.
 */
public final class ZoneStreamHandler implements Handler<RoutingContext> {

    private final Geography geography;
    private final OccupancyService occupancy;
    private final ZoneControls controls;

    public ZoneStreamHandler(Geography geography, OccupancyService occupancy, ZoneControls controls) {
        this.geography = geography;
        this.occupancy = occupancy;
        this.controls = controls;
    }

    @Override
    public void handle(RoutingContext ctx) {
        HttpServerResponse response = ctx.response().setChunked(true)
                .putHeader("Content-Type", "text/event-stream; charset=utf-8")
                .putHeader("Cache-Control", "no-cache");
        response.write("retry: 2000\n\n");
        Map<String, String> sentModes = new HashMap<>();
        Map<String, OccupancyTotals> sentTotals = new HashMap<>();
        long[] sequence = {0};
        Runnable poll = () -> {
            List<Lot> lots = geography.listLots();
            Future.fromCompletionStage(occupancy.listOccupancy(lots.stream().map(Lot::id).toList()),
                    ctx.vertx().getOrCreateContext()).onSuccess(states -> {
                        if (response.closed()) {
                            return;
                        }
                        for (Zone zone : geography.listZones()) {
                            ZoneControl control = controls.current(zone.id());
                            String mode = control.mode() + "/" + control.source() + "/" + control.since();
                            if (!mode.equals(sentModes.put(zone.id(), mode))) {
                                send(response, ++sequence[0], "control", new JsonObject().put("zoneId", zone.id())
                                        .put("mode", control.mode().name()).put("source", control.source().name())
                                        .put("reason", control.reason()));
                            }
                            OccupancyTotals totals = OccupancyTotals.of(geography.listLotsInZone(zone.id()), states);
                            if (!totals.equals(sentTotals.put(zone.id(), totals))) {
                                send(response, ++sequence[0], "totals", new JsonObject().put("zoneId", zone.id())
                                        .put("capacity", totals.capacity()).put("occupied", totals.occupied())
                                        .put("held", totals.held()).put("free", totals.free()));
                            }
                        }
                    });
        };
        poll.run();
        long timer = ctx.vertx().setPeriodic(1_000, id -> poll.run());
        response.closeHandler(closed -> ctx.vertx().cancelTimer(timer));
    }

    private static void send(HttpServerResponse response, long id, String event, JsonObject data) {
        response.write("id: " + id + "\nevent: " + event + "\ndata: " + data.encode() + "\n\n");
    }
}
