package city.parkgrid.regions.memory;

import city.parkgrid.regions.ResidentRegistry;
import city.parkgrid.regions.ResidentRegistryContract;

class InMemoryResidentRegistryTest extends ResidentRegistryContract {

    @Override
    protected ResidentRegistry newRegistry() {
        return new InMemoryResidentRegistry();
    }
}
