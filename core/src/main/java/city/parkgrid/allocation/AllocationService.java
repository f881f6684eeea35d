package city.parkgrid.allocation;

import city.parkgrid.NotFoundException;
import city.parkgrid.TooManyRequestsException;
import city.parkgrid.access.AccessDeniedException;
import city.parkgrid.lots.Lot;
import city.parkgrid.lots.LotCatalog;
import city.parkgrid.occupancy.Hold;
import city.parkgrid.occupancy.HoldIds;
import city.parkgrid.occupancy.HoldRequest;
import city.parkgrid.occupancy.HoldResult;
import city.parkgrid.occupancy.HoldStatus;
import city.parkgrid.occupancy.OccupancyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * Allocates spaces to drivers on their way: holds one in the chosen lot (the check that it is free
 * and the hold are one atomic step in the store, so no space is promised twice, across any number
 * of nodes), makes it the plate's one current hold and gives up the one it replaces, and expires
 * holds nobody came for. Thread-safe; never blocks.
 */
public final class AllocationService {

    private final Guidance guidance;
    private final LotCatalog lots;
    private final OccupancyStore store;
    private final AllocationSettings settings;
    private final PlateOwners owners;

    public AllocationService(
            Guidance guidance, LotCatalog lots, OccupancyStore store, AllocationSettings settings, PlateOwners owners) {
        this.guidance = guidance;
        this.lots = lots;
        this.store = store;
        this.settings = settings;
        this.owners = owners;
    }

    public Guidance guidance() {
        return guidance;
    }

    /** How long one plate's allocation may hold its lock, and how long another request waits for it. */
    static final Duration PLATE_LOCK = Duration.ofSeconds(5);

    static final int LOCK_ATTEMPTS = 100;
    static final long LOCK_RETRY_MILLIS = 20;

    /**
     * Holds a space, unless the plate already has a space held for another driver: a driver may
     * replace their own allocation, not someone else's (plates are visible on every car). One
     * plate's allocations run one after another (a short lock in the store, on every node), so two
     * requests for one plate at once still leave exactly one space held.
     */
    public CompletionStage<AllocationOutcome> allocate(AllocationRequest request, Instant now) {
        Duration window = AllocationSettings.RATE_WINDOW;
        return store.countDriverAllocation(request.driverId(), now, window).thenCompose(count -> {
            if (count > settings.maxAllocationsPerMinute()) {
                long windowMillis = window.toMillis();
                long left = windowMillis - Math.floorMod(now.toEpochMilli(), windowMillis);
                return CompletableFuture.failedFuture(new TooManyRequestsException(
                        "at most " + settings.maxAllocationsPerMinute() + " allocations a minute per driver",
                        Duration.ofSeconds(Math.max(1, (left + 999) / 1000))));
            }
            return allocateAllowed(request, now);
        });
    }

    private CompletionStage<AllocationOutcome> allocateAllowed(AllocationRequest request, Instant now) {
        return owners.lookup(request.driverId(), request.plate()).thenCompose(ownership -> {
            if (ownership.ownerAccountId() != null
                    && !ownership.ownerAccountId().equals(request.driverId())) {
                return CompletableFuture.failedFuture(new AccessDeniedException(
                        "plate", "plate " + request.plate() + " is bound to another driver's account"));
            }
            if (ownership.ownerAccountId() == null && ownership.driverHasAccount()) {
                return CompletableFuture.failedFuture(new AccessDeniedException(
                        "plate", "plate " + request.plate() + " is not bound to your account; add it first"));
            }
            int maxPlates = ownership.driverHasAccount() ? settings.maxPlatesPerDriver() : 1;
            return allocateOwned(request, maxPlates, ownership.driverHasAccount(), now);
        });
    }

    private CompletionStage<AllocationOutcome> allocateOwned(
            AllocationRequest request, int maxPlates, boolean hasAccount, Instant now) {
        String token = UUID.randomUUID().toString();
        return lockPlate(request.plate(), token, LOCK_ATTEMPTS).thenCompose(locked -> {
            if (!locked) {
                return CompletableFuture.failedFuture(new PlateBusyException(request.plate()));
            }
            return allocateLocked(request, maxPlates, hasAccount, now)
                    .whenComplete((outcome, failure) -> store.unlockPlate(request.plate(), token));
        });
    }

    private CompletionStage<Boolean> lockPlate(String plate, String token, int attemptsLeft) {
        return store.tryLockPlate(plate, token, PLATE_LOCK)
                .thenCompose(locked -> locked || attemptsLeft <= 1
                        ? CompletableFuture.completedFuture(locked)
                        : CompletableFuture.supplyAsync(
                                        () -> null,
                                        CompletableFuture.delayedExecutor(LOCK_RETRY_MILLIS, TimeUnit.MILLISECONDS))
                                .thenCompose(v -> lockPlate(plate, token, attemptsLeft - 1)));
    }

    private CompletionStage<AllocationOutcome> allocateLocked(
            AllocationRequest request, int maxPlates, boolean hasAccount, Instant now) {
        return store.findPlateHold(request.plate())
                .thenCompose(current -> current.isEmpty()
                        ? CompletableFuture.completedFuture(Optional.<Hold>empty())
                        : store.findHold(current.get(), now))
                .thenCompose(current -> {
                    Optional<Hold> standing = current.filter(h -> h.status() == HoldStatus.HELD);
                    if (standing.filter(h -> !h.driverId().equals(request.driverId()))
                            .isPresent()) {
                        return done(new AllocationOutcome(null, 0, List.of(), true, null));
                    }
                    return claimThenAllocate(request, maxPlates, hasAccount, standing.isPresent(), now);
                });
    }

    /**
     * Counts the plate among the driver's held plates (in the store, so the cap holds across
     * nodes) before holding a space, and gives the count back when no space was held, unless the
     * plate's earlier hold still stands.
     */
    private CompletionStage<AllocationOutcome> claimThenAllocate(
            AllocationRequest request, int maxPlates, boolean hasAccount, boolean alreadyHeld, Instant now) {
        Instant longest = now.plus(holdFor(request));
        return store.claimDriverPlate(request.driverId(), request.plate(), longest, maxPlates, now)
                .thenCompose(claimed -> {
                    if (!claimed) {
                        return CompletableFuture.<AllocationOutcome>failedFuture(
                                new HoldLimitException(request.plate(), maxPlates, hasAccount));
                    }
                    return allocateFree(request, now)
                            .thenCompose(outcome -> outcome.granted() || alreadyHeld
                                    ? done(outcome)
                                    : store.releaseDriverPlate(request.driverId(), request.plate())
                                            .thenApply(v -> outcome));
                });
    }

    private Duration holdFor(AllocationRequest request) {
        return request.holdFor() == null || request.holdFor().compareTo(settings.maxHold()) > 0
                ? settings.maxHold()
                : request.holdFor();
    }

    private CompletionStage<AllocationOutcome> allocateFree(AllocationRequest request, Instant now) {
        Instant expiresAt = now.plus(holdFor(request));
        if (request.lotId() != null) {
            Lot lot = lots.findLot(request.lotId()).orElseThrow(() -> new NotFoundException("lot", request.lotId()));
            return tryInOrder(request, List.of(new Target(lot, 0)), 0, expiresAt, now)
                    .thenCompose(outcome -> outcome.granted()
                            ? done(outcome)
                            : guidance.alternatives(lot.entrance(), 0)
                                    .thenApply(alternatives -> new AllocationOutcome(null, 0, alternatives)));
        }
        GuidanceRequest wish = request.guidance();
        return guidance.options(wish).thenCompose(result -> {
            List<Target> targets = result.options().stream()
                    .limit(settings.candidatesTried())
                    .map(o -> new Target(o.candidate().lot(), o.candidate().walkMetres()))
                    .toList();
            return tryInOrder(request, targets, 0, expiresAt, now)
                    .thenCompose(outcome -> outcome.granted()
                            ? done(new AllocationOutcome(
                                    outcome.hold(), outcome.walkMetres(), List.of(), false, result.diversion()))
                            : guidance.alternatives(
                                            wish.destination(),
                                            wish.maxWalkMetres(),
                                            result.diversion() == null
                                                    ? null
                                                    : result.diversion().fromZone())
                                    .thenApply(alternatives ->
                                            new AllocationOutcome(null, 0, alternatives, false, result.diversion())));
        });
    }

    private record Target(Lot lot, double walkMetres) {}

    private static CompletionStage<AllocationOutcome> done(AllocationOutcome outcome) {
        return CompletableFuture.completedFuture(outcome);
    }

    /** Tries each target in turn: one may fill between ranking and holding. */
    private CompletionStage<AllocationOutcome> tryInOrder(
            AllocationRequest request, List<Target> targets, int next, Instant expiresAt, Instant now) {
        if (next >= targets.size()) {
            return done(new AllocationOutcome(null, 0, List.of()));
        }
        Target target = targets.get(next);
        HoldRequest hold = new HoldRequest(
                HoldIds.newId(target.lot().id()), target.lot().id(), request.plate(), request.driverId(), expiresAt);
        return store.hold(hold, now)
                .thenCompose((HoldResult result) -> result.granted()
                        ? replacePlatesEarlierHold(result.hold(), now)
                                .thenApply(v -> new AllocationOutcome(result.hold(), target.walkMetres(), List.of()))
                        : tryInOrder(request, targets, next + 1, expiresAt, now));
    }

    /**
     * Makes the new hold the plate's current one and gives up the one it replaces (which may be in
     * another lot), so one plate never keeps two spaces. Runs under the plate's lock.
     */
    private CompletionStage<Void> replacePlatesEarlierHold(Hold granted, Instant now) {
        return store.swapPlateHold(granted.plate(), granted.id(), granted.expiresAt(), now)
                .thenCompose(previous -> previous.isEmpty()
                        ? CompletableFuture.<Void>completedFuture(null)
                        : store.endHold(previous.get(), HoldStatus.CANCELLED, now)
                                .thenAccept(ended -> {}));
    }

    public CompletionStage<Optional<Hold>> find(String holdId, Instant now) {
        return store.findHold(holdId, now);
    }

    /**
     * Cancels and frees the space at once; a hold already ended stays as it was. The plate stops
     * counting among its driver's held plates when the cancelled hold was the plate's current one
     * (checked under the plate's lock, so a replacement being allocated is not uncounted; if the
     * lock is busy the count simply lapses when the hold would have expired).
     */
    public CompletionStage<Optional<Hold>> cancel(String holdId, Instant now) {
        return store.endHold(holdId, HoldStatus.CANCELLED, now)
                .thenCompose(ended -> ended.isEmpty()
                        ? CompletableFuture.completedFuture(ended)
                        : store.clearPlateHold(ended.get().plate(), holdId)
                                .thenCompose(v -> uncountIfNoneStands(ended.get()))
                                .thenApply(v -> ended));
    }

    private CompletionStage<Void> uncountIfNoneStands(Hold ended) {
        String token = UUID.randomUUID().toString();
        return store.tryLockPlate(ended.plate(), token, PLATE_LOCK)
                .thenCompose(locked -> !locked
                        ? CompletableFuture.<Void>completedFuture(null)
                        : store.findPlateHold(ended.plate())
                                .thenCompose(current -> current.isEmpty()
                                        ? store.releaseDriverPlate(ended.driverId(), ended.plate())
                                        : CompletableFuture.<Void>completedFuture(null))
                                .whenComplete((v, failure) -> store.unlockPlate(ended.plate(), token)));
    }

    /**
     * Expires the holds whose time has passed (a sweeper calls this every fraction of a second on
     * every node; ending a hold twice is harmless). Returns how many were looked at.
     */
    public CompletionStage<Integer> expireDue(Instant now, int limit) {
        return store.listExpiredHolds(now, limit).thenCompose(ids -> {
            CompletableFuture<?>[] each = ids.stream()
                    .map(id -> store.endHold(id, HoldStatus.EXPIRED, now)
                            .thenCompose(ended -> ended.filter(h -> h.status().isFinal())
                                    .map(h -> store.clearPlateHold(h.plate(), h.id()))
                                    .orElse(CompletableFuture.completedFuture(null)))
                            .toCompletableFuture())
                    .toArray(CompletableFuture[]::new);
            return CompletableFuture.allOf(each).thenApply(v -> ids.size());
        });
    }
}
