package city.parkgrid.tariffs.memory;

import city.parkgrid.lots.Lot;
import city.parkgrid.tariffs.TariffStore;
import city.parkgrid.tariffs.TariffStoreContract;
import java.util.List;

class InMemoryTariffStoreTest extends TariffStoreContract {

    @Override
    protected TariffStore newStore(List<Lot> lots) {
        return new InMemoryTariffStore();
    }
}
