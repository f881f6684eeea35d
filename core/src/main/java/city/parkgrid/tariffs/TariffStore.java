package city.parkgrid.tariffs;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/** Lots' tariffs. Blocking (PostgreSQL in serve); thread-safe. */
public interface TariffStore {

    Optional<Tariff> findTariff(String lotId);

    void putTariff(String lotId, Tariff tariff);

    /** The tariffs of those of {@code lotIds} that have one, by lot id: one read for a city's table. */
    Map<String, Tariff> findTariffs(Collection<String> lotIds);
}
