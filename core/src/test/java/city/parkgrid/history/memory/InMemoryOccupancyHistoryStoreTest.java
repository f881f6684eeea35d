package city.parkgrid.history.memory;

import city.parkgrid.history.OccupancyHistoryStore;
import city.parkgrid.history.OccupancyHistoryStoreContract;

class InMemoryOccupancyHistoryStoreTest extends OccupancyHistoryStoreContract {

    @Override
    protected OccupancyHistoryStore newStore() {
        return new InMemoryOccupancyHistoryStore();
    }
}
