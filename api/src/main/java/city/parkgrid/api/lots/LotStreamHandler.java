package city.parkgrid.api.lots;

import city.parkgrid.NotFoundException;
import city.parkgrid.api.http.EventStream;
import city.parkgrid.api.http.EventStream.Item;
import city.parkgrid.api.http.Problem;
import city.parkgrid.api.http.ProblemException;
import city.parkgrid.catalog.Geography;
import city.parkgrid.lots.Lot;
import city.parkgrid.occupancy.LotOccupancy;
import city.parkgrid.occupancy.OccupancyService;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /v1/lots/stream?zone=ID}: Server-Sent Events for navigation providers. The stream opens
 * with the current state of every lot in the unit, then sends an event for each lot whose occupancy
 * changed, at most one per lot per second. A lot's item version is its {@link LotOccupancy#version()},
 * so a client reconnecting with {@code Last-Event-ID} gets the lots that changed since and no others
 * (see {@link EventStream}).
 *
 * <p>Each connection reads the unit's lots from the shared store once a second: changes made on any
 * node reach every stream, and a burst of gate events at one lot coalesces into one event. A few
 * dozen providers and consoles per node cost a few dozen pipelined reads per second.
 */
public final class LotStreamHandler implements Handler<RoutingContext> {

    private final Geography geography;
    private final OccupancyService occupancy;
    private final EventStream stream;

    public LotStreamHandler(Geography geography, OccupancyService occupancy) {
        this(geography, occupancy, EventStream.Settings.DEFAULT);
    }

    public LotStreamHandler(Geography geography, OccupancyService occupancy, EventStream.Settings settings) {
        this.geography = geography;
        this.occupancy = occupancy;
        this.stream = new EventStream("lots", settings);
    }

    @Override
    public void handle(RoutingContext ctx) {
        String zone = ctx.queryParams().get("zone");
        if (zone == null) {
            throw new ProblemException(Problem.invalidField("zone", "is required: the parking unit to follow"));
        }
        if (geography.findZone(zone).isEmpty()) {
            throw new NotFoundException("parking unit", zone);
        }
        stream.open(
                ctx,
                () -> {
                    List<Lot> lots = geography.listLotsInZone(zone);
                    return occupancy
                            .listOccupancy(lots.stream().map(Lot::id).toList())
                            .thenApply(states -> new Read(lots, states));
                },
                read -> read.lots().stream()
                        .map(lot -> {
                            LotOccupancy state = read.states().get(lot.id());
                            return new Item(
                                    lot.id(),
                                    state == null ? "0" : Long.toString(state.version()),
                                    "occupancy",
                                    new JsonObject()
                                            .put("lotId", lot.id())
                                            .put("zoneId", zone)
                                            .put("occupancy", LotJson.occupancy(state)));
                        })
                        .toList());
    }

    private record Read(List<Lot> lots, Map<String, LotOccupancy> states) {}
}
