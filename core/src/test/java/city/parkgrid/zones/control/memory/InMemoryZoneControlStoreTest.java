package city.parkgrid.zones.control.memory;

import city.parkgrid.zones.control.ZoneControlStore;
import city.parkgrid.zones.control.ZoneControlStoreContract;

class InMemoryZoneControlStoreTest extends ZoneControlStoreContract {

    @Override
    protected ZoneControlStore newStore() {
        return new InMemoryZoneControlStore();
    }
}
