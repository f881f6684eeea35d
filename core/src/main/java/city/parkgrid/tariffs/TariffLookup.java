package city.parkgrid.tariffs;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Lots' tariff versions, asked for without blocking (guidance runs on event loops). */
public interface TariffLookup {

    /** Knows no tariff: guidance then gives no rates or fees. */
    TariffLookup NONE = lotIds -> CompletableFuture.completedFuture(Map.of());

    /** The versions of those of {@code lotIds} that have any (a lot without a tariff may be absent or empty). */
    CompletionStage<Map<String, TariffVersions>> versions(Collection<String> lotIds);
}
