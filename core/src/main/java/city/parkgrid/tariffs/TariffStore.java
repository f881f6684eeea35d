package city.parkgrid.tariffs;

import java.util.Map;
import java.util.Optional;

/** Lots' tariffs. Blocking (PostgreSQL in serve); thread-safe. */
public interface TariffStore {

    Optional<Tariff> findTariff(String lotId);

    void putTariff(String lotId, Tariff tariff);

    /** Every tariff, keyed by lot id (a lot without one is absent): one read for exports of all lots. */
    Map<String, Tariff> listTariffs();
}
