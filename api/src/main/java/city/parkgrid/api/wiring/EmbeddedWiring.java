package city.parkgrid.api.wiring;

import city.parkgrid.access.DevTokens;
import city.parkgrid.api.Node;
import city.parkgrid.api.ops.HealthCheck;
import city.parkgrid.app.Settings;
import city.parkgrid.app.Stores;
import city.parkgrid.app.UseCases;
import city.parkgrid.app.memory.EmbeddedStores;
import city.parkgrid.dataset.DataSet;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutorService;

/** The embedded node of {@code dev} and of fast tests: every store in memory, the documented dev tokens. */
public final class EmbeddedWiring {

    private EmbeddedWiring() {}

    public static Node node(DataSet dataSet, Clock clock) {
        Stores stores = EmbeddedStores.of(dataSet, Settings.DEFAULTS.occupancy());
        ExecutorService payments = Payments.pool();
        // forecasting computes for a while even from memory: never on the event loop
        ExecutorService forecastReads = BlockingReads.pool("parkgrid-forecasts");
        // the accounts are in memory here: looking up a plate's owner does not block
        UseCases useCases = UseCases.wire(stores, Settings.DEFAULTS, clock, payments, Runnable::run, forecastReads);
        return new Node(
                "dev",
                useCases,
                new DevTokens(),
                List.of(new HealthCheck("occupancyStore", stores.occupancy()::ping)),
                List.of(payments::shutdownNow, forecastReads::shutdownNow));
    }
}
