package city.parkgrid.api.zones;

import city.parkgrid.api.http.EventStream;
import city.parkgrid.api.http.EventStream.Item;
import city.parkgrid.occupancy.OccupancyTotals;
import city.parkgrid.zones.Zone;
import city.parkgrid.zones.control.ZoneControl;
import city.parkgrid.zones.control.ZoneControls;
import city.parkgrid.zones.control.ZonePolicy;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * {@code GET /v1/zones/stream}: Server-Sent Events for the bureau's console and navigation
 * providers: a {@code control} event for every change of a unit's mode, and at most once a second
 * a {@code totals} event for each unit whose totals changed. Opens with the state of every unit.
 *
 * <p>Each unit is two items of the {@link EventStream}, {@code <zoneId>/control} and
 * {@code <zoneId>/totals}, so a change of one sends only its event. Neither has a version of its
 * own: the control's is a fingerprint of everything it is made of, the totals' version is the totals
 * themselves ({@code capacity-occupied-held-free}). Both are functions of the state alone, hence the
 * same on every node and after a restart, which {@code Last-Event-ID} resume needs, and they change
 * exactly when the event would say something new. (A sum of the unit's lot versions would also
 * change when a lot's counts did not, and could come back to a value a client has when the bureau
 * redraws a unit.)
 */
public final class ZoneStreamHandler implements Handler<RoutingContext> {

    private final ZoneControls controls;
    private final EventStream stream;

    public ZoneStreamHandler(ZoneControls controls) {
        this(controls, EventStream.Settings.DEFAULT);
    }

    public ZoneStreamHandler(ZoneControls controls, EventStream.Settings settings) {
        this.controls = controls;
        this.stream = new EventStream("zones", settings);
    }

    @Override
    public void handle(RoutingContext ctx) {
        stream.open(ctx, controls::units, ZoneStreamHandler::items);
    }

    private static List<Item> items(List<ZoneControls.UnitState> units) {
        List<Item> items = new ArrayList<>();
        for (ZoneControls.UnitState unit : units) {
            Zone zone = unit.zone();
            ZoneControl control = unit.control();
            items.add(new Item(
                    zone.id() + "/control",
                    EventStream.fingerprint(canonical(control)),
                    "control",
                    new JsonObject()
                            .put("zoneId", zone.id())
                            .put("mode", control.mode().name())
                            .put("source", control.source().name())
                            .put("reason", control.reason())));
            OccupancyTotals totals = unit.totals();
            items.add(new Item(
                    zone.id() + "/totals",
                    totals.capacity() + "-" + totals.occupied() + "-" + totals.held() + "-" + totals.free() + "-"
                            + totals.unknownLots(),
                    "totals",
                    new JsonObject()
                            .put("zoneId", zone.id())
                            .put("capacity", totals.capacity())
                            .put("occupied", totals.occupied())
                            .put("held", totals.held())
                            .put("free", totals.free())
                            .put("unknownLots", totals.unknownLots())));
        }
        return items;
    }

    /** Every field of the control, reserved spaces sorted: {@code Map.copyOf} iterates in a per-JVM order. */
    private static String canonical(ZoneControl control) {
        ZonePolicy policy = control.policy() == null ? ZonePolicy.NONE : control.policy();
        return String.join(
                "|",
                control.mode().name(),
                control.source().name(),
                String.valueOf(control.reason()),
                String.valueOf(control.since()),
                String.valueOf(control.until()),
                String.valueOf(control.setBy()),
                String.valueOf(policy.targetOccupancy()),
                String.valueOf(policy.closedLots()),
                String.valueOf(new TreeMap<>(policy.reservedSpaces())),
                String.valueOf(policy.surchargePerHour().fen()),
                String.valueOf(policy.divertTo()));
    }
}
