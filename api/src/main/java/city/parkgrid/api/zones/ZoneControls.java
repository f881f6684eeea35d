package city.parkgrid.api.zones;

import city.parkgrid.allocation.Guidance;
import city.parkgrid.catalog.Geography;
import city.parkgrid.lots.Lot;
import city.parkgrid.occupancy.LotOccupancy;
import city.parkgrid.occupancy.OccupancyStore;
import city.parkgrid.zones.Zone;
import city.parkgrid.zones.control.ZoneControl;
import city.parkgrid.zones.control.ZoneControlService;
import city.parkgrid.zones.control.ZoneMode;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's view of the controls in force, answered from memory on the hot paths (guidance,
 * allocation), and what puts them into effect: {@link #refresh} re-reads every unit's control from
 * the shared store, evaluates triggers, records mode changes (for the MANAGED surcharge) and sets
 * each lot's closed flag and reserved spaces in the shared occupancy store. Every node refreshes
 * every second and at once when any node announces a change on the (clustered) event bus
 * {@value #CHANGED}, so a change is in force everywhere within a second. Thread-safe.
 */
public final class ZoneControls {

    public static final String CHANGED = "parkgrid.zones.control";
    private static final String ORIGIN = "origin";
    private static final Logger LOG = LoggerFactory.getLogger(ZoneControls.class);

    private final ZoneControlService service;
    private final Geography geography;
    private final OccupancyStore occupancy;
    private final Clock clock;
    private final Map<String, ZoneControl> current = new ConcurrentHashMap<>();
    private final AtomicBoolean queued = new AtomicBoolean();
    /** Tells this node's own notices apart from the others'. */
    private final String node = UUID.randomUUID().toString();

    public ZoneControls(ZoneControlService service, Geography geography, OccupancyStore occupancy, Clock clock) {
        this.service = service;
        this.geography = geography;
        this.occupancy = occupancy;
        this.clock = clock;
    }

    public ZoneControlService service() {
        return service;
    }

    /** Tells every node that a unit's control changed (empty: any unit); this node has applied it already. */
    public void announce(EventBus bus, String zoneId) {
        bus.publish(CHANGED, zoneId, new DeliveryOptions().addHeader(ORIGIN, node));
    }

    /** Whether a notice came from another node: this node's own are applied before they are sent. */
    public boolean fromAnotherNode(Message<?> notice) {
        return !node.equals(notice.headers().get(ORIGIN));
    }

    /** The control in force in a unit, as this node last read it. */
    public ZoneControl current(String zoneId) {
        return current.getOrDefault(zoneId, ZoneControl.normal(zoneId));
    }

    private static <T> T join(CompletionStage<T> stage) {
        return stage.toCompletableFuture().join();
    }

    /**
     * Claims the next refresh for a caller about to run one on a worker; false when one is already
     * waiting to start, which will read every change made so far, so this caller need not queue
     * another (a burst of notices from many nodes costs one refresh, not a worker each).
     */
    public boolean claimRefresh() {
        return queued.compareAndSet(false, true);
    }

    /**
     * Re-reads the controls and puts them into effect. Blocking: run on a worker. A unit or lot
     * that fails (its store unreachable, a lot registered a moment later) is logged and retried at
     * the next refresh; the others are still brought into line.
     */
    public synchronized void refresh() {
        queued.set(false);
        Instant now = clock.instant();
        List<Lot> lots = geography.listLots();
        Map<String, LotOccupancy> states = join(occupancy.listOccupancy(lots.stream().map(Lot::id).toList()));
        service.evaluateTriggers(now, zoneId -> Guidance.demand(geography.listLotsInZone(zoneId), states));
        Map<String, Boolean> operatorClosed = service.operatorClosedLots();
        for (Zone zone : geography.listZones()) {
            try {
                ZoneControl control = service.current(zone.id(), now);
                ZoneControl previous = current.get(zone.id());
                long surcharge = control.mode() == ZoneMode.MANAGED ? control.policy().surchargeFenPerHour() : 0;
                if (previous == null || previous.mode() != control.mode()
                        || previous.policy().surchargeFenPerHour() != control.policy().surchargeFenPerHour()) {
                    // recorded before it is taken as known, so a failed write is tried again next time
                    service.store().recordMode(zone.id(), control.mode(), surcharge, changedAt(previous, control, now));
                }
                current.put(zone.id(), control);
            } catch (RuntimeException e) {
                LOG.warn("zone control of unit '{}' not refreshed; retried within a second: {}", zone.id(), e.toString());
            }
        }
        for (Lot lot : lots) {
            ZoneControl control = lot.zoneId() == null ? ZoneControl.normal("") : current(lot.zoneId());
            boolean closed = operatorClosed.getOrDefault(lot.id(), false) || control.closes(lot.id());
            int reserved = control.reserves(lot.id());
            LotOccupancy state = states.get(lot.id());
            if (state == null || state.closed() != closed || state.reserved() != reserved) {
                try {
                    join(occupancy.configureLot(lot.id(), closed, reserved, now));
                } catch (RuntimeException e) {
                    LOG.warn("lot '{}' not configured for its unit's control; retried within a second: {}", lot.id(), e.toString());
                }
            }
        }
    }

    /**
     * When the unit's mode really changed, for the surcharge history: when the new control began,
     * or when the old one lapsed, rather than when this node noticed (no node may have been up).
     */
    private static Instant changedAt(ZoneControl previous, ZoneControl control, Instant now) {
        if (control.since() != null && !control.since().isAfter(now)) {
            return control.since();
        }
        if (previous != null && previous.until() != null && !previous.until().isAfter(now)) {
            return previous.until();
        }
        return now;
    }
}
