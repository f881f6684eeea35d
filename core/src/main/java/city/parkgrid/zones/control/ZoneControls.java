package city.parkgrid.zones.control;

import city.parkgrid.catalog.GeoIndex;
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
import java.util.HashMap;
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
 * this node at once ({@link #refresh}). Another node learns of it from the notice the change sends
 * (a full refresh at once) or, if that notice was lost, from its {@link #tick} each second, which
 * compares the store's control version with the one it last read. So a change is in force
 * everywhere within a second of its commit, and the store stays the truth: what this node holds
 * is a cache, stale by at most one tick plus one refresh.
 *
 * <p>Putting into effect means: resolve every unit's control from one snapshot of the store,
 * evaluate triggers, record mode changes (for the MANAGED surcharge) and set each lot's closed flag
 * and reserved spaces in the shared occupancy store where they differ. Between changes the tick
 * resolves the controls again from the snapshot when a schedule window or an {@code until} comes
 * round, and reads the occupancy only of units that have a trigger. The controls in force are
 * answered from memory on the hot paths (guidance, allocation) by {@link #current}.
 *
 * <p>Blocking where it says so (the store may be PostgreSQL): run those on a worker. Thread-safe.
 */
public final class ZoneControls {

    private static final Logger LOG = LoggerFactory.getLogger(ZoneControls.class);

    private final ZoneControlService service;
    private final Geography geography;
    private final OccupancyStore occupancy;
    private final Clock clock;
    private final ReservedSpaces reserved;
    private final Map<String, ZoneControl> current = new ConcurrentHashMap<>();
    private final AtomicBoolean queued = new AtomicBoolean();

    // the cache this node answers from, and what it was read from; guarded by this
    private final Map<String, LotSetting> configured = new HashMap<>();
    private ControlSnapshot inputs;
    private GeoIndex catalog;
    private Instant nextBoundary;
    private boolean repairDue;

    /** @param reserved how many of a control's reserved spaces are withheld now (fewer as bookings against them come in) */
    public ZoneControls(
            ZoneControlService service,
            Geography geography,
            OccupancyStore occupancy,
            Clock clock,
            ReservedSpaces reserved) {
        this.service = service;
        this.geography = geography;
        this.occupancy = occupancy;
        this.clock = clock;
        this.reserved = reserved;
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

    /** The control in force over a lot: its unit's, or NORMAL for a lot in no unit. Never blocks. */
    public ZoneControl currentOver(Lot lot) {
        return lot.zoneId() == null ? ZoneControl.normal("") : current(lot.zoneId());
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
     * next tick (within a second: the change moved the version), so a caller must not retry a
     * change that took place.
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
     * The check every node runs each second, at a cost that does not grow with the city while
     * nothing changes: one read of the control version (a full {@link #refresh} only when it moved,
     * which repairs a lost notice within that second, or when the catalog changed or a lot could
     * not be brought into line); the occupancy of the units that have a trigger, and only theirs;
     * and, when a schedule window or a control's {@code until} has come, the controls resolved
     * again from memory. Blocking: run on a worker.
     */
    public synchronized void tick() {
        queued.set(false);
        ControlSnapshot known = inputs;
        if (known == null || repairDue || catalog != geography.snapshot() || service.version() != known.version()) {
            refresh();
            return;
        }
        Instant now = clock.instant();
        if (!known.triggers().isEmpty() && triggersMoved(known, now)) {
            refresh();
            return;
        }
        if (nextBoundary != null && !now.isBefore(nextBoundary)) {
            apply(known, now, Map.of());
            return;
        }
        // the withheld share of reserved spaces moves with time (a booking lapses, booking closes)
        // and with bookings made on other nodes: each node brings those few lots into line each second
        for (Lot lot : geography.listLots()) {
            if (lot.zoneId() != null && current(lot.zoneId()).reserves(lot.id()) > 0) {
                settle(lot, known, null, now);
            }
        }
    }

    /**
     * Brings one lot's closed flag and withheld spaces into line at once, as a booking against its
     * reserved spaces moved them (the tick would within a second). Blocking.
     */
    public synchronized void settleLot(String lotId) {
        if (inputs == null || repairDue) {
            refresh();
            return;
        }
        geography.findLot(lotId).ifPresent(lot -> settle(lot, inputs, null, clock.instant()));
    }

    /** Evaluates the units' triggers on the occupancy of their lots only; true when one moved. */
    private boolean triggersMoved(ControlSnapshot known, Instant now) {
        List<String> lotIds = known.triggers().keySet().stream()
                .flatMap(zoneId -> geography.listLotsInZone(zoneId).stream())
                .map(Lot::id)
                .toList();
        Map<String, LotOccupancy> states = join(occupancy.listOccupancy(lotIds));
        return service.evaluateTriggers(
                known.triggers().values(), now, zoneId -> UnitFill.demand(geography.listLotsInZone(zoneId), states));
    }

    /**
     * Re-reads the controls (one snapshot, a few queries however many units) and every lot's live
     * state, and puts them into effect. Blocking: run on a worker. A unit or lot that fails (its
     * store unreachable, a lot registered a moment later) is logged and retried at the next tick;
     * the others are still brought into line.
     */
    public synchronized void refresh() {
        queued.set(false);
        repairDue = true; // until this refresh got as far as applying what it read
        Instant now = clock.instant();
        GeoIndex seenCatalog = geography.snapshot();
        List<Lot> lots = geography.listLots();
        Map<String, LotOccupancy> states =
                join(occupancy.listOccupancy(lots.stream().map(Lot::id).toList()));
        ControlSnapshot read = service.snapshot();
        if (service.evaluateTriggers(
                read.triggers().values(), now, zoneId -> UnitFill.demand(geography.listLotsInZone(zoneId), states))) {
            read = service.snapshot();
        }
        repairDue = false;
        apply(read, now, states);
        catalog = seenCatalog;
        inputs = read;
    }

    /**
     * Puts the controls of {@code read} into effect at {@code now}: records mode changes and sets
     * the lots whose closed flag or reserved spaces differ from their live state in {@code states},
     * or for a lot not in it, from what this node last saw or set.
     */
    private void apply(ControlSnapshot read, Instant now, Map<String, LotOccupancy> states) {
        for (Zone zone : geography.listZones()) {
            try {
                ZoneControl control = read.resolve(zone.id(), now);
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
                repairDue = true;
                LOG.warn(
                        "zone control of unit '{}' not refreshed; retried within a second: {}",
                        zone.id(),
                        e.toString());
            }
        }
        for (Lot lot : geography.listLots()) {
            settle(lot, read, states.get(lot.id()), now);
        }
        nextBoundary = read.nextBoundary(now);
    }

    /**
     * Sets the lot's closed flag and withheld spaces where they differ from its live {@code state},
     * or for a lot without one (null), from what this node last saw or set.
     */
    private void settle(Lot lot, ControlSnapshot read, LotOccupancy state, Instant now) {
        try {
            ZoneControl control = currentOver(lot);
            LotSetting wanted = new LotSetting(
                    read.operatorClosed().getOrDefault(lot.id(), false) || control.closes(lot.id()),
                    control.reserves(lot.id()) == 0 ? 0 : reserved.withheld(control, lot.id(), now));
            LotSetting seen =
                    state != null ? new LotSetting(state.closed(), state.reserved()) : configured.get(lot.id());
            if (!wanted.equals(seen)) {
                join(occupancy.configureLot(lot.id(), wanted.closed(), wanted.reserved(), now));
                seen = wanted;
            }
            if (seen != null) {
                configured.put(lot.id(), seen);
            }
        } catch (RuntimeException e) {
            repairDue = true;
            LOG.warn(
                    "lot '{}' not configured for its unit's control; retried within a second: {}",
                    lot.id(),
                    e.toString());
        }
    }

    /** A lot's closed flag and reserved spaces, as the controls set them in the live state. */
    private record LotSetting(boolean closed, int reserved) {}

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
