package city.parkgrid.pricing.memory;

import city.parkgrid.app.Settings;
import city.parkgrid.app.Stores;
import city.parkgrid.app.memory.EmbeddedStores;
import city.parkgrid.dataset.DataSet;
import city.parkgrid.pricing.ZonePricingContract;

class InMemoryZonePricingTest extends ZonePricingContract {

    @Override
    protected Stores newStores(DataSet data) {
        return EmbeddedStores.of(data, Settings.DEFAULTS.occupancy());
    }
}
