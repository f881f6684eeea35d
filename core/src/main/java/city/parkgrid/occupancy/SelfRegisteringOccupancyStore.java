package city.parkgrid.occupancy;

import city.parkgrid.lots.Lot;
import city.parkgrid.lots.LotCatalog;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * Live occupancy that stays honest and writable after its store lost its data (Redis restarted
 * empty; issue 18). A change to a lot the store no longer knows registers the lot again from the
 * catalog and is tried once more, so writes recover as soon as the store answers, with no restart.
 * While the store's registration epoch is missing, no lot's live state is known: reads find none
 * (callers show such a lot as unknown, and guidance and allocation pass it over) until the state is
 * restored and the epoch marked again. Thread-safe as its store is.
 */
public final class SelfRegisteringOccupancyStore implements OccupancyStore {

    private final OccupancyStore store;
    private final LotCatalog catalog;

    public SelfRegisteringOccupancyStore(OccupancyStore store, LotCatalog catalog) {
        this.store = store;
        this.catalog = catalog;
    }

    /** The change, and when the store no longer knows the lot, the lot registered again and the change once more. */
    private <T> CompletionStage<T> registeredAgainIfLost(
            String lotId, Instant now, Supplier<CompletionStage<T>> change) {
        return change.get().exceptionallyCompose(failure -> {
            Throwable cause =
                    failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
            Optional<Lot> lot = catalog.findLot(lotId);
            if (!(cause instanceof UnregisteredLotException) || lot.isEmpty()) {
                return CompletableFuture.failedFuture(cause);
            }
            return store.registerLot(lotId, lot.get().capacity(), now).thenCompose(registered -> change.get());
        });
    }

    @Override
    public CompletionStage<LotOccupancy> registerLot(String lotId, int capacity, Instant now) {
        return store.registerLot(lotId, capacity, now);
    }

    @Override
    public CompletionStage<LotOccupancy> configureLot(String lotId, boolean closed, int reserved, Instant now) {
        return registeredAgainIfLost(lotId, now, () -> store.configureLot(lotId, closed, reserved, now));
    }

    @Override
    public CompletionStage<IngestionResult> applyGateEvents(String lotId, List<GateEvent> events, Instant now) {
        return registeredAgainIfLost(lotId, now, () -> store.applyGateEvents(lotId, events, now));
    }

    @Override
    public CompletionStage<SnapshotResult> applySnapshot(String lotId, int occupied, Instant at, Instant now) {
        return registeredAgainIfLost(lotId, now, () -> store.applySnapshot(lotId, occupied, at, now));
    }

    @Override
    public CompletionStage<Optional<LotOccupancy>> findOccupancy(String lotId) {
        return store.findOccupancy(lotId)
                .thenCombine(store.registrationsIntact(), (found, intact) -> intact ? found : Optional.empty());
    }

    @Override
    public CompletionStage<Map<String, LotOccupancy>> listOccupancy(Collection<String> lotIds) {
        return store.listOccupancy(lotIds)
                .thenCombine(store.registrationsIntact(), (found, intact) -> intact ? found : Map.of());
    }

    @Override
    public CompletionStage<HoldResult> hold(HoldRequest request, Instant now) {
        return registeredAgainIfLost(request.lotId(), now, () -> store.hold(request, now));
    }

    @Override
    public CompletionStage<Optional<Hold>> findHold(String holdId, Instant now) {
        return store.findHold(holdId, now);
    }

    @Override
    public CompletionStage<Optional<Hold>> endHold(String holdId, HoldStatus endAs, Instant now) {
        return store.endHold(holdId, endAs, now);
    }

    @Override
    public CompletionStage<Optional<String>> swapPlateHold(
            String plate, String holdId, Instant expiresAt, Instant now) {
        return store.swapPlateHold(plate, holdId, expiresAt, now);
    }

    @Override
    public CompletionStage<Boolean> tryLockPlate(String plate, String token, Duration ttl) {
        return store.tryLockPlate(plate, token, ttl);
    }

    @Override
    public CompletionStage<Void> unlockPlate(String plate, String token) {
        return store.unlockPlate(plate, token);
    }

    @Override
    public CompletionStage<Optional<String>> findPlateHold(String plate) {
        return store.findPlateHold(plate);
    }

    @Override
    public CompletionStage<Void> clearPlateHold(String plate, String holdId) {
        return store.clearPlateHold(plate, holdId);
    }

    @Override
    public CompletionStage<Boolean> claimDriverPlate(
            String driverId, String plate, Instant expiresAt, int maxPlates, Instant now) {
        return store.claimDriverPlate(driverId, plate, expiresAt, maxPlates, now);
    }

    @Override
    public CompletionStage<Void> releaseDriverPlate(String driverId, String plate) {
        return store.releaseDriverPlate(driverId, plate);
    }

    @Override
    public CompletionStage<Long> countDriverAllocation(String driverId, Instant now, Duration window) {
        return store.countDriverAllocation(driverId, now, window);
    }

    @Override
    public CompletionStage<List<String>> listExpiredHolds(Instant now, int limit) {
        return store.listExpiredHolds(now, limit);
    }

    @Override
    public CompletionStage<Void> markRegistered(Instant now) {
        return store.markRegistered(now);
    }

    @Override
    public CompletionStage<Boolean> registrationsIntact() {
        return store.registrationsIntact();
    }

    @Override
    public CompletionStage<Void> ping() {
        return store.ping();
    }
}
