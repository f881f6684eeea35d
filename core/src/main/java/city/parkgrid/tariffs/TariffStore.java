package city.parkgrid.tariffs;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Lots' tariffs, each a list of versions by effective time. Blocking (PostgreSQL in serve); thread-safe. */
public interface TariffStore {

    /** Every version of the lot's tariff, the earliest first (none when it has no tariff). */
    TariffVersions findVersions(String lotId);

    /** The versions of those of {@code lotIds} that have any, by lot id: one read for a city's table. */
    Map<String, TariffVersions> findVersions(Collection<String> lotIds);

    /** Adds a version, replacing the lot's version with the same effective time if there is one. */
    void putVersion(String lotId, TariffVersion version);

    /** The tariff in force at the lot at {@code at}. */
    default Optional<Tariff> findTariff(String lotId, Instant at) {
        return findVersions(lotId).findTariff(at);
    }

    /** The tariffs in force at {@code at} of those of {@code lotIds} that have one, by lot id. */
    default Map<String, Tariff> findTariffs(Collection<String> lotIds, Instant at) {
        Map<String, Tariff> found = new HashMap<>();
        findVersions(lotIds)
                .forEach((lotId, versions) -> versions.findTariff(at).ifPresent(t -> found.put(lotId, t)));
        return found;
    }

    /** The tariff in force now (the wall clock); for set-ups that keep no clock of their own. */
    default Optional<Tariff> findTariff(String lotId) {
        return findTariff(lotId, Instant.now());
    }

    /** Sets the lot's tariff {@linkplain TariffVersion#FROM_THE_START from the start}; for set-ups. */
    default void putTariff(String lotId, Tariff tariff) {
        putVersion(lotId, new TariffVersion(TariffVersion.FROM_THE_START, tariff));
    }
}
