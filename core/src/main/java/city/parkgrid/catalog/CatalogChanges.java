package city.parkgrid.catalog;

import city.parkgrid.InvalidInputException;
import city.parkgrid.NotFoundException;
import city.parkgrid.access.AccessDeniedException;
import city.parkgrid.access.Principal;
import city.parkgrid.access.Role;
import city.parkgrid.lots.Lot;
import city.parkgrid.lots.LotEdit;
import city.parkgrid.occupancy.LotOccupancy;
import city.parkgrid.occupancy.OccupancyService;
import city.parkgrid.occupancy.OccupancyTotals;
import city.parkgrid.zones.Zone;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletionStage;

/**
 * Changes to the city's parking geography, as one use case: the bureau registers or moves a lot
 * and draws parking units; an operator renames or resizes its own lots. Each change is stored in
 * the shared store, this node's index is reloaded at once (the others reload on the store's change
 * notice) and every lot's capacity is registered with live occupancy, so a resized lot counts
 * against its new size on the next gate event. Blocking (the store may be PostGIS); thread-safe.
 */
public final class CatalogChanges {

    /** What an operator may change on its own lots; everything else about a lot is the bureau's. */
    public static final Set<String> OPERATOR_FIELDS = Set.of("nameZh", "nameEn", "capacity");

    private final Geography geography;
    private final GeographyStore store;
    private final OccupancyService occupancy;
    private final Clock clock;

    public CatalogChanges(Geography geography, GeographyStore store, OccupancyService occupancy, Clock clock) {
        this.geography = geography;
        this.store = store;
        this.occupancy = occupancy;
        this.clock = clock;
    }

    /** A lot as stored, its live state, and whether the call created it. */
    public record RegisteredLot(Lot lot, LotOccupancy occupancy, boolean created) {}

    /**
     * Registers, moves, renames or resizes a lot. The bureau sends the whole lot; an operator only
     * {@link #OPERATOR_FIELDS} of a lot it operates (the caller's right to the lot itself is checked
     * before). The lot's unit follows from where its entrance is. Its external ids are the
     * bureau's too: a bureau edit without {@code externalIds} keeps those the lot has; an id another
     * lot carries in the same scheme is an {@link city.parkgrid.lots.ExternalIdTakenException}.
     */
    public RegisteredLot putLot(Principal caller, String lotId, LotEdit edit) {
        Lot previous = geography.findLot(lotId).orElse(null);
        Lot lot =
                caller.role() == Role.BUREAU ? fromBureau(lotId, edit, previous) : fromOperator(existing(lotId), edit);
        // All or nothing (docs/DECISIONS.md): live occupancy first, since registering a capacity is
        // idempotent and can be undone; a Redis failure here leaves PostgreSQL untouched.
        LotOccupancy state = join(occupancy.registerLot(lot, clock.instant()));
        boolean created;
        try {
            created = store.putLot(lot);
        } catch (RuntimeException failure) {
            restoreRegistration(lot, previous, failure);
            throw failure;
        }
        // only the index from here: nothing after the commit may fail the write for Redis's sake
        geography.replace(store.load());
        return new RegisteredLot(existing(lotId), state, created);
    }

    /**
     * The catalog refused the lot after live occupancy took its new capacity: puts the previous
     * capacity back. A lot the catalog never had stays registered with live occupancy, unseen:
     * nothing reads a lot outside the catalog, and registering it again overwrites the capacity.
     */
    private void restoreRegistration(Lot lot, Lot previous, RuntimeException failure) {
        if (previous == null || previous.capacity() == lot.capacity()) {
            return;
        }
        try {
            join(occupancy.registerLot(previous, clock.instant()));
        } catch (RuntimeException undo) {
            failure.addSuppressed(undo);
        }
    }

    /** A unit as stored, the lots whose entrances it now holds with their live totals, and whether it is new. */
    public record DrawnZone(Zone zone, List<Lot> lots, OccupancyTotals totals, boolean created) {}

    /** Draws or redraws a parking unit; the lots inside it follow at once. */
    public DrawnZone putZone(Zone zone) {
        // a unit changes nothing in live occupancy, but its answer reads it: with Redis away the
        // write is refused before the commit, not after it (all or nothing, docs/DECISIONS.md)
        join(occupancy.ping());
        boolean created = store.putZone(zone);
        geography.replace(store.load());
        Zone stored = geography.findZone(zone.id()).orElseThrow();
        List<Lot> lots = geography.listLotsInZone(zone.id());
        var states = join(occupancy.listOccupancy(lots.stream().map(Lot::id).toList()));
        return new DrawnZone(stored, lots, OccupancyTotals.of(lots, states), created);
    }

    /**
     * Re-reads the geometry from its store into this node's index and registers any new or
     * resized lot with live occupancy. Called after a change here and on another node's notice.
     */
    public void reload() {
        geography.replace(store.load());
        join(registerLots());
    }

    /** Makes every catalog lot known to live occupancy with its current capacity. Never blocks. */
    public CompletionStage<Void> registerLots() {
        return occupancy.registerLots(geography.listLots(), clock.instant());
    }

    /**
     * At a node's start: while the registration epoch stands, makes every catalog lot known. Only
     * a restore marks the epoch: a node that re-marked it at start could mark a Redis that lost its
     * data between its check and its mark, over the empty counts. A node started while the store
     * has lost its data (Redis empty) restores the live state from the journal instead, which for a
     * platform never run before (an empty journal) registers the catalog lots (issues 16 and 18).
     */
    public CompletionStage<Void> registerLotsAtStart() {
        return occupancy
                .registrationsIntact()
                .thenCompose(intact -> intact ? registerLots() : occupancy.restoreIfLost(clock.instant()));
    }

    private Lot existing(String lotId) {
        return geography.findLot(lotId).orElseThrow(() -> new NotFoundException("lot", lotId));
    }

    private static Lot fromBureau(String id, LotEdit edit, Lot previous) {
        Map<String, String> externalIds =
                edit.externalIds() != null ? edit.externalIds() : previous == null ? Map.of() : previous.externalIds();
        return new Lot(
                id,
                required("nameZh", edit.nameZh()),
                required("nameEn", edit.nameEn()),
                required("operatorId", edit.operatorId()),
                null,
                required("kind", edit.kind()),
                required("location", edit.entrance()),
                required("capacity", edit.capacity()),
                externalIds);
    }

    private static Lot fromOperator(Lot lot, LotEdit edit) {
        for (String field : new TreeSet<>(edit.fields())) {
            if (!OPERATOR_FIELDS.contains(field)) {
                throw new AccessDeniedException(
                        field,
                        "operators may change only nameZh, nameEn and capacity; '" + field + "' is the bureau's");
            }
        }
        return new Lot(
                lot.id(),
                edit.nameZh() == null ? lot.nameZh() : edit.nameZh(),
                edit.nameEn() == null ? lot.nameEn() : edit.nameEn(),
                lot.operatorId(),
                null,
                lot.kind(),
                lot.entrance(),
                edit.capacity() == null ? lot.capacity() : edit.capacity(),
                lot.externalIds());
    }

    private static <T> T required(String field, T value) {
        if (value == null) {
            throw new InvalidInputException(field, "is required");
        }
        return value;
    }

    private static <T> T join(CompletionStage<T> stage) {
        return stage.toCompletableFuture().join();
    }
}
