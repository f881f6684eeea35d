package city.parkgrid.tariffs;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;

/**
 * Lots' tariff versions as drivers are told them (guidance's rates, fees and coming changes), read
 * without blocking: a lot's versions are kept for at most {@code maxAge}, and the lots of a
 * question not kept are read in one store call on {@code reads} (the store blocks; callers may be
 * event loops). What a driver pays is never priced from here: settlement reads the store itself.
 * Changes made through this node are seen at once ({@link #writingThrough}); changes on other nodes within
 * {@code maxAge}, and a bureau's reviewed rates take effect the next day at the earliest, so they are
 * published long before. While the store cannot be read, the versions last read are published
 * and a lot never read has none: a question is never refused for want of a tariff. Thread-safe.
 */
public final class PublishedTariffs implements TariffLookup {

    private record Kept(TariffVersions versions, long readAtNanos) {}

    private final TariffStore store;
    private final Executor reads;
    private final long maxAgeNanos;
    private final LongSupplier nanoTime;
    private final Map<String, Kept> kept = new ConcurrentHashMap<>();

    public PublishedTariffs(TariffStore store, Executor reads, Duration maxAge) {
        this(store, reads, maxAge, System::nanoTime);
    }

    PublishedTariffs(TariffStore store, Executor reads, Duration maxAge, LongSupplier nanoTime) {
        this.store = store;
        this.reads = reads;
        this.maxAgeNanos = maxAge.toNanos();
        this.nanoTime = nanoTime;
    }

    @Override
    public CompletionStage<Map<String, TariffVersions>> versions(Collection<String> lotIds) {
        long now = nanoTime.getAsLong();
        Map<String, TariffVersions> found = new HashMap<>();
        List<String> missing = new ArrayList<>();
        for (String lotId : new LinkedHashSet<>(lotIds)) {
            Kept k = kept.get(lotId);
            if (k != null && now - k.readAtNanos() < maxAgeNanos) {
                found.put(lotId, k.versions());
            } else {
                missing.add(lotId);
            }
        }
        if (missing.isEmpty()) {
            return CompletableFuture.completedFuture(found);
        }
        return CompletableFuture.supplyAsync(
                () -> {
                    long readAt = nanoTime.getAsLong();
                    Map<String, TariffVersions> read;
                    try {
                        read = store.findVersions(missing);
                    } catch (RuntimeException unavailable) {
                        // guidance must not need PostgreSQL: without the store, the versions last
                        // read (however old) are published, and a lot never read has no rate
                        for (String lotId : missing) {
                            Kept old = kept.get(lotId);
                            if (old != null) {
                                found.put(lotId, old.versions());
                            }
                        }
                        return found;
                    }
                    for (String lotId : missing) {
                        // a lot without a tariff is kept too, so that free lots cost no read per question
                        TariffVersions versions = read.getOrDefault(lotId, TariffVersions.none());
                        kept.put(lotId, new Kept(versions, readAt));
                        found.put(lotId, versions);
                    }
                    return found;
                },
                reads);
    }

    /** The lot's tariff changed through this node: the next question reads it again. */
    public void forget(String lotId) {
        kept.remove(lotId);
    }

    /** The store, for the use cases that write tariffs: each version written is forgotten here. */
    public TariffStore writingThrough() {
        return new TariffStore() {
            @Override
            public TariffVersions findVersions(String lotId) {
                return store.findVersions(lotId);
            }

            @Override
            public Map<String, TariffVersions> findVersions(Collection<String> lotIds) {
                return store.findVersions(lotIds);
            }

            @Override
            public void putVersion(String lotId, TariffVersion version) {
                store.putVersion(lotId, version);
                forget(lotId);
            }
        };
    }
}
