package city.parkgrid.tariffs.memory;

import city.parkgrid.tariffs.TariffStore;
import city.parkgrid.tariffs.TariffVersion;
import city.parkgrid.tariffs.TariffVersions;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Tariffs in this JVM (dev mode and fast tests). Thread-safe. */
public final class InMemoryTariffStore implements TariffStore {

    private final Map<String, TariffVersions> tariffs = new ConcurrentHashMap<>();

    @Override
    public TariffVersions findVersions(String lotId) {
        return tariffs.getOrDefault(lotId, TariffVersions.none());
    }

    @Override
    public Map<String, TariffVersions> findVersions(Collection<String> lotIds) {
        Map<String, TariffVersions> found = new HashMap<>();
        for (String lotId : lotIds) {
            TariffVersions versions = tariffs.get(lotId);
            if (versions != null) {
                found.put(lotId, versions);
            }
        }
        return found;
    }

    @Override
    public void putVersion(String lotId, TariffVersion version) {
        tariffs.merge(lotId, TariffVersions.none().with(version), (old, added) -> old.with(version));
    }
}
