package city.parkgrid.occupancy.memory;

import city.parkgrid.occupancy.OccupancyStore;
import city.parkgrid.occupancy.OccupancyStoreContract;

class InMemoryOccupancyStoreTest extends OccupancyStoreContract {

    @Override
    protected OccupancyStore newStore() {
        return new InMemoryOccupancyStore(SETTINGS);
    }
}
