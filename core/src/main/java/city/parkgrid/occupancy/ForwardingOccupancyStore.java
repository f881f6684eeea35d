package city.parkgrid.occupancy;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletionStage;

/**
 * An {@link OccupancyStore} that hands every call to another: the base of the decorators that
 * change a few (journalling, fencing and restoring), so each names only what it changes.
 */
abstract class ForwardingOccupancyStore implements OccupancyStore {

    protected final OccupancyStore store;

    ForwardingOccupancyStore(OccupancyStore store) {
        this.store = store;
    }

    @Override
    public CompletionStage<LotOccupancy> registerLot(String lotId, int capacity, Instant now) {
        return store.registerLot(lotId, capacity, now);
    }

    @Override
    public CompletionStage<LotChange> registerLotChange(String lotId, int capacity, Instant now) {
        return store.registerLotChange(lotId, capacity, now);
    }

    @Override
    public CompletionStage<LotChange> configureLotChange(String lotId, boolean closed, int reserved, Instant now) {
        return store.configureLotChange(lotId, closed, reserved, now);
    }

    @Override
    public CompletionStage<LotOccupancy> configureLot(String lotId, boolean closed, int reserved, Instant now) {
        return store.configureLot(lotId, closed, reserved, now);
    }

    @Override
    public CompletionStage<IngestionResult> applyGateEvents(String lotId, List<GateEvent> events, Instant now) {
        return store.applyGateEvents(lotId, events, now);
    }

    @Override
    public CompletionStage<SnapshotResult> applySnapshot(String lotId, int occupied, Instant at, Instant now) {
        return store.applySnapshot(lotId, occupied, at, now);
    }

    @Override
    public CompletionStage<Optional<LotOccupancy>> findOccupancy(String lotId) {
        return store.findOccupancy(lotId);
    }

    @Override
    public CompletionStage<Map<String, LotOccupancy>> listOccupancy(Collection<String> lotIds) {
        return store.listOccupancy(lotIds);
    }

    @Override
    public CompletionStage<HoldResult> hold(HoldRequest request, Instant now) {
        return store.hold(request, now);
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
    public CompletionStage<Void> markRegistered(long epoch) {
        return store.markRegistered(epoch);
    }

    @Override
    public CompletionStage<OptionalLong> registrationEpoch() {
        return store.registrationEpoch();
    }

    @Override
    public CompletionStage<Boolean> registrationsIntact() {
        return store.registrationsIntact();
    }

    @Override
    public CompletionStage<EndedHold> endHoldVersioned(String holdId, HoldStatus endAs, Instant now) {
        return store.endHoldVersioned(holdId, endAs, now);
    }

    @Override
    public CompletionStage<Boolean> tryLockRestore(String token, Duration ttl) {
        return store.tryLockRestore(token, ttl);
    }

    @Override
    public CompletionStage<Void> unlockRestore(String token) {
        return store.unlockRestore(token);
    }

    @Override
    public CompletionStage<RestoredLiveState> restoreLiveState(Instant now) {
        return store.restoreLiveState(now);
    }

    @Override
    public CompletionStage<Void> restoreIfLost(Instant now) {
        return store.restoreIfLost(now);
    }

    @Override
    public CompletionStage<Void> ping() {
        return store.ping();
    }

    @Override
    public CompletionStage<Optional<LotCheckpoint>> checkpointLot(String lotId, Instant now) {
        return store.checkpointLot(lotId, now);
    }

    @Override
    public CompletionStage<Map<String, Instant>> restoreCheckpoint(LotCheckpoint checkpoint, Instant now) {
        return store.restoreCheckpoint(checkpoint, now);
    }

    @Override
    public CompletionStage<Integer> compactJournal(Instant now) {
        return store.compactJournal(now);
    }
}
