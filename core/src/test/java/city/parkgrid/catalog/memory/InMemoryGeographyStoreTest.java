package city.parkgrid.catalog.memory;

import city.parkgrid.catalog.GeographyStore;
import city.parkgrid.catalog.GeographyStoreContract;

class InMemoryGeographyStoreTest extends GeographyStoreContract {

    @Override
    protected GeographyStore newStoreWithWujiaochang() {
        return new InMemoryGeographyStore(WUJIAOCHANG);
    }
}
