package city.parkgrid.tariffs.memory;

import city.parkgrid.tariffs.Tariff;
import city.parkgrid.tariffs.TariffStore;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Tariffs in this JVM (dev mode and fast tests). Thread-safe. */
public final class InMemoryTariffStore implements TariffStore {

    private final Map<String, Tariff> tariffs = new ConcurrentHashMap<>();

    @Override
    public Optional<Tariff> findTariff(String lotId) {
        return Optional.ofNullable(tariffs.get(lotId));
    }

    @Override
    public void putTariff(String lotId, Tariff tariff) {
        tariffs.put(lotId, tariff);
    }

    @Override
    public Map<String, Tariff> findTariffs(Collection<String> lotIds) {
        Map<String, Tariff> found = new HashMap<>();
        for (String lotId : lotIds) {
            Tariff tariff = tariffs.get(lotId);
            if (tariff != null) {
                found.put(lotId, tariff);
            }
        }
        return found;
    }
}
