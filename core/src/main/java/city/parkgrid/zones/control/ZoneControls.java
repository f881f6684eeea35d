package city.parkgrid.zones.control;

import city.parkgrid.catalog.Geography;
import city.parkgrid.lots.Lot;
import city.parkgrid.money.Money;
import city.parkgrid.occupancy.LotOccupancy;
import city.parkgrid.occupancy.OccupancyStore;
import city.parkgrid.occupancy.OccupancyTotals;
import city.parkgrid.zones.Zone;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bureau's control of parking units as a use case: every change the bureau or an operator
 * makes goes through here, is stored by {@link ZoneControlService} and then put into effect on
 * this node at once ({@link #refresh}). The same refresh runs every second on every node and when
 * another node announces a change, so a change is in force everywhere within a second.
 *
 * <p>Putting into effect means: re-read every unit's control from the shared store, evaluate
 * triggers, record mode changes (for the MANAGED surcharge) and set each lot's closed flag and
 * reserved spaces in the shared occupancy store. The controls in force are then answered from
 * memory on the hot paths (guidance, allocation) by {@link #current}.
 *
 * <p>Blocking where it says so (the store may be PostgreSQL): run those on a worker. Thread-safe.
 */
public final class ZoneControls {

    private static final Logger LOG = LoggerFactory.getLogger(ZoneControls.class);

    private final ZoneControlService service;
    private final Geography geography;
    private final OccupancyStore occupancy;
    private final Clock clock;
    private final Map<String, ZoneControl> current = new ConcurrentHashMap<>();
    private final AtomicBoolean queued = new AtomicBoolean();

    public ZoneControls(ZoneControlService service, Geography geography, OccupancyStore occupancy, Clock clock) {
        this.service = service;
        this.geography = geography;
        this.occupancy = occupancy;
        this.clock = clock;
    }

    /** A unit as the bureau's screens show it: the control in force on this node and its live totals. */
    public record UnitState(Zone zone, ZoneControl control, OccupancyTotals totals) {}

    /** Every unit's state, in the catalog's order. Never blocks. */
    public CompletionStage<List<UnitState>> units() {
        List<Lot> lots = geography.listLots();
        return occupancy
                .listOccupancy(lots.stream().map(Lot::id).toList())
                .thenApply(states -> geography.listZones().stream()
                        .map(zone -> new UnitState(
                                zone,
                                current(zone.id()),
                                OccupancyTotals.of(geography.listLotsInZone(zone.id()), states)))
                        .toList());
    }

    /** The control in force in a unit, as this node last read it. Never blocks. */
    public ZoneControl current(String zoneId) {
        return current.getOrDefault(zoneId, ZoneControl.normal(zoneId));
    }

    /** The bureau's manual control of a unit. Blocking. */
    public ZoneControl setControl(
            String zoneId, ZoneMode mode, String reason, Instant until, ZonePolicy policy, String setBy) {
        return applied(service.setControl(zoneId, mode, reason, until, policy, setBy, clock.instant()));
    }

    /** A recurring control (Asia/Shanghai days and times). Blocking. */
    public Schedule addSchedule(
            String zoneId,
            ZoneMode mode,
            ZonePolicy policy,
            Set<DayOfWeek> days,
            LocalTime from,
            LocalTime to,
            String setBy) {
        return applied(service.addSchedule(zoneId, mode, policy, days, from, to, setBy, clock.instant()));
    }

    /** Blocking; {@link java.util.NoSuchElementException} for an unknown schedule. */
    public void deleteSchedule(String zoneId, String scheduleId, String setBy) {
        service.deleteSchedule(zoneId, scheduleId, setBy, clock.instant());
        applied(null);
    }

    /**
     * The unit's occupancy trigger, replacing any earlier one; {@code releaseBelow} and
     * {@code minActiveMinutes} null for their defaults. Blocking.
     */
    public Trigger putTrigger(
            String zoneId,
            double occupancyAbove,
            int forMinutes,
            Double releaseBelow,
            Integer minActiveMinutes,
            ZoneMode mode,
            ZonePolicy policy,
            String setBy) {
        return applied(service.putTrigger(
                zoneId,
                occupancyAbove,
                forMinutes,
                releaseBelow,
                minActiveMinutes,
                mode,
                policy,
                setBy,
                clock.instant()));
    }

    /** An operator opens or closes its own lot, unless the unit's control closes it. Blocking. */
    public void setLotStatus(Lot lot, boolean closed, String operator) {
        service.setLotStatus(lot, closed, operator, clock.instant());
        applied(null);
    }

    /** Blocking. */
    public List<Schedule> listSchedules(String zoneId) {
        return service.listSchedules(zoneId);
    }

    /** Blocking. */
    public Optional<Trigger> findTrigger(String zoneId) {
        return service.findTrigger(zoneId);
    }

    /** Every change of the unit's control, newest first. Blocking. */
    public List<AuditEntry> audit(String zoneId) {
        return service.audit(zoneId);
    }

    /**
     * Once a change is stored it is done: a failed refresh here is logged and made good by the
     * next one (within a second), so a caller must not retry a change that took place.
     */
    private <T> T applied(T stored) {
        try {
            refresh();
        } catch (RuntimeException e) {
            LOG.warn(
                    "stored a zone-control change but could not apply it at once; the next refresh will: {}",
                    e.toString());
        }
        return stored;
    }

    /**
     * Claims the next refresh for a caller about to run one on a worker; false when one is already
     * waiting to start, which will read every change made so far, so this caller need not queue
     * another (a burst of notices from many nodes costs one refresh, not a worker each).
     */
    public boolean claimRefresh() {
        return queued.compareAndSet(false, true);
    }

    private static <T> T join(CompletionStage<T> stage) {
        return stage.toCompletableFuture().join();
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
        Map<String, LotOccupancy> states =
                join(occupancy.listOccupancy(lots.stream().map(Lot::id).toList()));
        service.evaluateTriggers(now, zoneId -> UnitFill.demand(geography.listLotsInZone(zoneId), states));
        Map<String, Boolean> operatorClosed = service.operatorClosedLots();
        for (Zone zone : geography.listZones()) {
            try {
                ZoneControl control = service.current(zone.id(), now);
                ZoneControl previous = current.get(zone.id());
                Money surcharge =
                        control.mode() == ZoneMode.MANAGED ? control.policy().surchargePerHour() : Money.ZERO;
                if (previous == null
                        || previous.mode() != control.mode()
                        || !previous.policy()
                                .surchargePerHour()
                                .equals(control.policy().surchargePerHour())) {
                    // recorded before it is taken as known, so a failed write is tried again next time
                    service.recordMode(zone.id(), control.mode(), surcharge, changedAt(previous, control, now));
                }
                current.put(zone.id(), control);
            } catch (RuntimeException e) {
                LOG.warn(
                        "zone control of unit '{}' not refreshed; retried within a second: {}",
                        zone.id(),
                        e.toString());
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
                    LOG.warn(
                            "lot '{}' not configured for its unit's control; retried within a second: {}",
                            lot.id(),
                            e.toString());
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
