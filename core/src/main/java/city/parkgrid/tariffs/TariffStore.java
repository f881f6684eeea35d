package city.parkgrid.tariffs;

import java.util.Optional;

/** Lots' tariffs. Blocking (PostgreSQL in serve); thread-safe. */
public interface TariffStore {

    Optional<Tariff> findTariff(String lotId);

    void putTariff(String lotId, Tariff tariff);
}
