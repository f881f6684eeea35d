package city.parkgrid.occupancy;

import city.parkgrid.StorageUnavailableException;
import city.parkgrid.lots.Lot;
import city.parkgrid.lots.LotCatalog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live occupancy that stays honest, and comes back whole, after its store lost its data (Redis
 * flushed or restarted empty; issues 16 and 18). The store's registration epoch says whether its
 * live state is its own. While the epoch is missing no lot's live state is known: reads find none
 * (callers show such a lot as unknown, and guidance and allocation pass it over), every change to a
 * lot is refused as {@link StorageUnavailableException} (503 with Retry-After) before it reaches
 * the store, so nothing is half-applied, and the loss is restored: under the store's restore lock
 * one node, whichever noticed first, waits {@link #RESTORE_GRACE} for changes already on their way
 * to land, replays the journal ({@link OccupancyStore#restoreLiveState}), marks the epoch the
 * journal moved on to, and registers the catalog lots the journal does not know; writes succeed from that moment on every
 * node, with no restart. A change to a lot the store does not know while the epoch stands (a lot
 * new to the catalog) registers the lot from the catalog and is tried once more. Thread-safe as its
 * store is.
 */
public final class SelfRegisteringOccupancyStore extends ForwardingOccupancyStore {

    /**
     * How long the restoring node waits before it reads the journal: changes in flight land first,
     * in the lost Redis or refused. A change whose row commits after the restore read the journal
     * is refused by the journal's epoch whatever this is; the grace keeps a change whose epoch was
     * read before the loss from reaching its lot in the new Redis after the lot's replay began
     * (docs/DECISIONS.md, "Live state survives losing Redis").
     */
    public static final Duration RESTORE_GRACE = Duration.ofMillis(500);

    /** How long the restore lock lasts: far beyond a restore (seconds at 4,500 lots), short for a node that died in one. */
    public static final Duration RESTORE_LOCK = Duration.ofMinutes(5);

    private static final Logger LOG = LoggerFactory.getLogger(SelfRegisteringOccupancyStore.class);

    private final LotCatalog catalog;
    private final Clock clock;
    private final AtomicReference<CompletableFuture<Void>> restoring = new AtomicReference<>();

    public SelfRegisteringOccupancyStore(OccupancyStore store, LotCatalog catalog) {
        this(store, catalog, Clock.systemUTC());
    }

    public SelfRegisteringOccupancyStore(OccupancyStore store, LotCatalog catalog, Clock clock) {
        super(store);
        this.catalog = catalog;
        this.clock = clock;
    }

    /** The change, only while the live state is the store's own (see the class comment). */
    private <T> CompletionStage<T> fenced(String lotId, Instant now, Supplier<CompletionStage<T>> change) {
        return store.registrationsIntact()
                .thenCompose(intact -> intact ? registeredAgainIfLost(lotId, now, change) : beingRestored(now));
    }

    private <T> CompletionStage<T> beingRestored(Instant now) {
        restoreIfLost(now);
        return CompletableFuture.failedFuture(new StorageUnavailableException(
                "Redis", "it lost the live state, which is being restored from the journal; retry shortly", null));
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
            // the store may have lost everything since the epoch was read: never register over a loss
            return store.registrationsIntact()
                    .thenCompose(intact -> intact
                            ? store.registerLot(lotId, lot.get().capacity(), now)
                                    .thenCompose(registered -> change.get())
                            : beingRestored(now));
        });
    }

    @Override
    public CompletionStage<Void> restoreIfLost(Instant now) {
        CompletableFuture<Void> running = restoring.get();
        if (running != null && !running.isDone()) {
            return running;
        }
        CompletableFuture<Void> mine = new CompletableFuture<>();
        if (!restoring.compareAndSet(running, mine)) {
            return restoring.get();
        }
        String token = UUID.randomUUID().toString();
        store.registrationsIntact()
                .thenCompose(intact ->
                        intact ? CompletableFuture.completedFuture(false) : store.tryLockRestore(token, RESTORE_LOCK))
                .thenCompose(locked -> locked ? restoreLocked(token) : CompletableFuture.completedFuture(null))
                .whenComplete((done, failure) -> {
                    if (failure != null) {
                        LOG.warn(
                                "restoring the live state failed; the next read or write tries again: {}",
                                failure.toString());
                        mine.completeExceptionally(failure);
                    } else {
                        mine.complete(null);
                    }
                });
        return mine;
    }

    /** Under the lock: once more whether another node restored meanwhile, then the restore, then the epoch. */
    private CompletionStage<Void> restoreLocked(String token) {
        long started = System.nanoTime();
        return store.registrationsIntact()
                .thenCompose(intact -> {
                    if (intact) {
                        return CompletableFuture.completedFuture(null);
                    }
                    Executor afterGrace = CompletableFuture.delayedExecutor(
                            RESTORE_GRACE.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
                    return CompletableFuture.supplyAsync(clock::instant, afterGrace)
                            .thenCompose(now -> store.restoreLiveState(now).thenCompose(restored -> {
                                // the epoch first: the catalog lots the journal does not know are
                                // registered through the journal, which keeps only changes made
                                // under the epoch it is at
                                List<Lot> missing = catalog.listLots().stream()
                                        .filter(lot -> !restored.lots().contains(lot.id()))
                                        .toList();
                                return store.markRegistered(restored.epoch())
                                        .thenCompose(marked -> CompletableFuture.allOf(missing.stream()
                                                .map(lot -> store.registerLot(lot.id(), lot.capacity(), now)
                                                        .toCompletableFuture())
                                                .toArray(CompletableFuture[]::new)))
                                        .thenAccept(registered -> LOG.info(
                                                "live state restored at epoch {}: {} lots from the journal, {} registered anew, in {} ms",
                                                restored.epoch(),
                                                restored.lots().size(),
                                                missing.size(),
                                                (System.nanoTime() - started) / 1_000_000));
                            }));
                })
                .handle((done, failure) -> failure)
                .thenCompose(failure -> store.unlockRestore(token).handle((unlocked, ignored) -> {
                    if (failure != null) {
                        throw failure instanceof CompletionException c ? c : new CompletionException(failure);
                    }
                    return null;
                }));
    }

    @Override
    public CompletionStage<LotOccupancy> registerLot(String lotId, int capacity, Instant now) {
        return store.registrationsIntact()
                .thenCompose(intact -> intact ? store.registerLot(lotId, capacity, now) : beingRestored(now));
    }

    @Override
    public CompletionStage<LotOccupancy> configureLot(String lotId, boolean closed, int reserved, Instant now) {
        return fenced(lotId, now, () -> store.configureLot(lotId, closed, reserved, now));
    }

    @Override
    public CompletionStage<IngestionResult> applyGateEvents(String lotId, List<GateEvent> events, Instant now) {
        return fenced(lotId, now, () -> store.applyGateEvents(lotId, events, now));
    }

    @Override
    public CompletionStage<SnapshotResult> applySnapshot(String lotId, int occupied, Instant at, Instant now) {
        return fenced(lotId, now, () -> store.applySnapshot(lotId, occupied, at, now));
    }

    @Override
    public CompletionStage<Optional<LotOccupancy>> findOccupancy(String lotId) {
        return store.findOccupancy(lotId)
                .thenCombine(registrationsIntact(), (found, intact) -> intact ? found : Optional.empty());
    }

    @Override
    public CompletionStage<Map<String, LotOccupancy>> listOccupancy(Collection<String> lotIds) {
        return store.listOccupancy(lotIds)
                .thenCombine(registrationsIntact(), (found, intact) -> intact ? found : Map.of());
    }

    @Override
    public CompletionStage<HoldResult> hold(HoldRequest request, Instant now) {
        return fenced(request.lotId(), now, () -> store.hold(request, now));
    }

    @Override
    public CompletionStage<Optional<Hold>> endHold(String holdId, HoldStatus endAs, Instant now) {
        return store.registrationsIntact()
                .thenCompose(intact -> intact ? store.endHold(holdId, endAs, now) : beingRestored(now));
    }

    @Override
    public CompletionStage<EndedHold> endHoldVersioned(String holdId, HoldStatus endAs, Instant now) {
        return store.registrationsIntact()
                .thenCompose(intact -> intact ? store.endHoldVersioned(holdId, endAs, now) : beingRestored(now));
    }

    @Override
    public CompletionStage<Boolean> registrationsIntact() {
        // whoever sees the loss first (a read, a write, the health check) starts its restore
        return store.registrationsIntact().thenApply(intact -> {
            if (!intact) {
                restoreIfLost(clock.instant());
            }
            return intact;
        });
    }
}
