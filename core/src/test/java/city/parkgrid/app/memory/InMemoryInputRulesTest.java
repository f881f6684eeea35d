package city.parkgrid.app.memory;

import city.parkgrid.InputRulesContract;
import city.parkgrid.accounts.AccountBook;
import city.parkgrid.accounts.memory.InMemoryAccountBook;
import city.parkgrid.catalog.GeographyStore;
import city.parkgrid.catalog.memory.InMemoryGeographyStore;
import city.parkgrid.dataset.DataSet;
import java.util.List;

class InMemoryInputRulesTest extends InputRulesContract {

    @Override
    protected AccountBook newBook() {
        return new InMemoryAccountBook();
    }

    @Override
    protected GeographyStore newGeography() {
        return new InMemoryGeographyStore(new DataSet(List.of(), List.of(), List.of()));
    }
}
