package city.parkgrid.deploy;

import city.parkgrid.CityTime;
import city.parkgrid.access.ApiKeys;
import city.parkgrid.access.Role;
import city.parkgrid.api.Node;
import city.parkgrid.api.NodeServer;
import city.parkgrid.api.NodeServer.Running;
import city.parkgrid.api.config.ClusterManagers;
import city.parkgrid.api.config.ConfigLoader;
import city.parkgrid.api.config.ParkGridConfig;
import city.parkgrid.api.wiring.EmbeddedWiring;
import city.parkgrid.api.wiring.ServeWiring;
import city.parkgrid.catalog.GeographyStore;
import city.parkgrid.catalog.postgis.PostgisGeographyStore;
import city.parkgrid.dataset.DataSet;
import city.parkgrid.dataset.GeoJsonDataSetReader;
import city.parkgrid.lots.Lot;
import city.parkgrid.postgres.PostgresDatabase;
import city.parkgrid.sim.Scenario;
import city.parkgrid.sim.SimMain;
import city.parkgrid.sim.Simulation;
import city.parkgrid.sim.platform.InProcessPlatform;
import java.io.PrintStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalTime;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The launcher's entry point: {@code dev}, {@code serve}, {@code migrate}, {@code import},
 * {@code new-key}, {@code sim}, {@code forecast} and {@code generate-city}. It lives above both the HTTP server ({@code api}) and the
 * simulator ({@code sim}), which depend on {@code core} and not on each other.
 */
@Command(
        name = "parkgrid",
        mixinStandardHelpOptions = true,
        description = "ParkGrid, the city-scale smart parking platform.",
        subcommands = {
            ParkGridMain.Dev.class,
            ParkGridMain.Serve.class,
            ParkGridMain.Migrate.class,
            ParkGridMain.Import.class,
            ParkGridMain.NewKey.class,
            SimMain.class,
            ForecastCommand.class,
            GenerateCityCommand.class
        })
public final class ParkGridMain {

    public static void main(String[] args) {
        int exit = new CommandLine(new ParkGridMain()).execute(args);
        if (exit != 0) {
            System.exit(exit);
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(ParkGridMain.class);

    private static void awaitShutdown(Running running) {
        Runtime.getRuntime().addShutdownHook(new Thread(running::close, "parkgrid-shutdown"));
    }

    @Command(
            name = "dev",
            description = "Run the embedded platform: in-memory stores, the Wujiaochang data set, dev tokens.")
    static final class Dev implements Callable<Integer> {

        @Option(
                names = "--port",
                defaultValue = "8080",
                description = "HTTP port; 0 picks a free one (default ${DEFAULT-VALUE}).")
        int port;

        @Option(names = "--data", description = "A GeoJSON data set instead of the shipped Wujiaochang one.")
        Path data;

        @Option(
                names = "--simulate",
                description = "Feed the platform simulated gate events and allocations in real time.")
        boolean simulate;

        @Option(
                names = "--speedup",
                defaultValue = "60",
                description = "With --simulate: simulated seconds per real second (default ${DEFAULT-VALUE}).")
        double speedup;

        @Option(
                names = "--scenario",
                description = "With --simulate: a scenario YAML (default: the shipped Wujiaochang weekend).")
        Path scenario;

        @Override
        public Integer call() {
            DataSet dataSet = data == null ? GeoJsonDataSetReader.wujiaochang() : GeoJsonDataSetReader.read(data);
            Running running = NodeServer.start(EmbeddedWiring.node(dataSet, Clock.systemUTC()), "127.0.0.1", port);
            awaitShutdown(running);
            printDevBanner(System.out, running);
            if (simulate) {
                Scenario day =
                        scenario == null ? Scenario.fromResource("wujiaochang-weekend.yaml") : Scenario.read(scenario);
                simulate(running.node(), day, 0.6, speedup);
                System.out.printf(
                        Locale.ROOT,
                        "Simulating %s at %.0fx real time (a day in %.0f minutes; 60%% of drivers use ParkGrid).%n",
                        day.name(),
                        speedup,
                        24 * 60 / speedup);
            }
            return 0;
        }
    }

    /**
     * The simulator's drivers and gates feeding this node through its own use cases, on a daemon
     * thread: the simulated day catches up to the local time of day at once, then runs sped up.
     */
    static InProcessPlatform simulate(Node node, Scenario scenario, double adoption, double speedup) {
        InProcessPlatform traffic = InProcessPlatform.live(node.useCases(), Clock.systemUTC());
        Thread thread = new Thread(
                () -> {
                    try {
                        Simulation sim = new Simulation(
                                scenario, traffic.geography(), traffic, adoption, Scenario.Policy.PARKGRID);
                        LocalTime timeOfDay = LocalTime.now(CityTime.SHANGHAI);
                        sim.runLive(
                                "dev",
                                speedup,
                                sim.dayStart().plusSeconds(timeOfDay.toSecondOfDay()),
                                () -> Thread.currentThread().isInterrupted());
                    } catch (RuntimeException e) {
                        LOG.error("simulated traffic stopped", e);
                    }
                },
                "parkgrid-simulated-traffic");
        thread.setDaemon(true);
        thread.start();
        return traffic;
    }

    /** Operators and their lots, for the dev banner. */
    private static Map<String, List<String>> lotIdsByOperator(Node node) {
        return node.useCases().geography().listLots().stream()
                .collect(Collectors.groupingBy(
                        Lot::operatorId, TreeMap::new, Collectors.mapping(Lot::id, Collectors.toList())));
    }

    static void printDevBanner(PrintStream out, Running running) {
        String url = "http://127.0.0.1:" + running.port();
        out.println("ParkGrid dev platform listening on " + url);
        out.println("  (embedded: in-memory stores, "
                + running.node().useCases().geography().listLots().size()
                + " lots of the Wujiaochang data set; nothing is persisted)");
        out.println("  contract:  " + url + "/openapi.yaml");
        out.println("  try:       curl '" + url + "/v1/lots?near=31.2995,121.514&radius=500'");
        out.println("Dev tokens (Authorization: Bearer <token>; accepted only in dev mode):");
        out.println("  dev-bureau                  the traffic bureau");
        out.println("  dev-driver-<driverId>       a driver, e.g. dev-driver-d1");
        out.println("  dev-service-<name>          another city service, e.g. dev-service-permits");
        for (Map.Entry<String, List<String>> e :
                lotIdsByOperator(running.node()).entrySet()) {
            out.printf(
                    Locale.ROOT,
                    "  %-27s operator of %s%n",
                    "dev-operator-" + e.getKey(),
                    String.join(", ", e.getValue()));
        }
        out.println("Stop with Ctrl-C.");
    }

    @Command(name = "serve", description = "Run against Redis with credentials from configuration.")
    static final class Serve implements Callable<Integer> {

        @Option(names = "--config", description = "YAML config file (see deploy/config-example.yaml).")
        Path config;

        @Option(names = "--port", description = "HTTP port, overriding the config file and PARKGRID_PORT.")
        Integer port;

        @Override
        public Integer call() {
            ParkGridConfig cfg = ConfigLoader.load(config, System.getenv());
            int httpPort = port != null ? port : cfg.http().port();
            Running running = NodeServer.start(
                    ServeWiring.node(cfg, Clock.systemUTC()),
                    cfg.http().host(),
                    httpPort,
                    cfg.cluster().enabled() ? ClusterManagers.hazelcast(cfg.cluster()) : null,
                    cfg.http().timeouts());
            if (cfg.ngsiLd().enabled()) {
                ServeWiring.pushToContextBroker(running, cfg.ngsiLd());
                System.out.println("pushing lots and parking units to the NGSI-LD broker "
                        + cfg.ngsiLd().brokerUrl());
            }
            awaitShutdown(running);
            System.out.println("ParkGrid serving on http://" + cfg.http().host() + ":" + running.port()
                    + " (Redis " + cfg.redis().uri().replaceAll("//[^@/]*@", "//***@")
                    + ", " + cfg.postgres().toSettings() + ")");
            return 0;
        }
    }

    @Command(name = "migrate", description = "Bring the PostGIS schema up to date (serve does this at start-up too).")
    static final class Migrate implements Callable<Integer> {

        @Option(names = "--config", description = "YAML config file (see deploy/config-example.yaml).")
        Path config;

        @Override
        public Integer call() {
            ParkGridConfig cfg = ConfigLoader.load(config, System.getenv());
            try (PostgresDatabase database = new PostgresDatabase(cfg.postgres().toSettings())) {
                int applied = database.migrate();
                System.out.println(
                        "schema " + database.schema() + ": " + applied + " migration(s) applied, up to date");
            }
            return 0;
        }
    }

    @Command(
            name = "import",
            description = "Load regions, zones and lots from a GeoJSON data set into PostGIS (idempotent).")
    static final class Import implements Callable<Integer> {

        @Parameters(
                index = "0",
                description =
                        "The GeoJSON FeatureCollection (format: core/src/main/resources/datasets/wujiaochang/README.md).")
        Path file;

        @Option(names = "--config", description = "YAML config file (see deploy/config-example.yaml).")
        Path config;

        @Override
        public Integer call() {
            ParkGridConfig cfg = ConfigLoader.load(config, System.getenv());
            DataSet data = GeoJsonDataSetReader.read(file);
            try (PostgresDatabase database = new PostgresDatabase(cfg.postgres().toSettings())) {
                database.migrate();
                GeographyStore.ImportResult result = new PostgisGeographyStore(database).importDataSet(data);
                System.out.printf(
                        Locale.ROOT,
                        "imported %s into schema %s: %d inserted, %d updated, %d unchanged%n",
                        file,
                        database.schema(),
                        result.inserted(),
                        result.updated(),
                        result.unchanged());
            }
            return 0;
        }
    }

    @Command(
            name = "new-key",
            description = "Make a new API key; prints the key once and the config entry holding only its hash.")
    static final class NewKey implements Callable<Integer> {

        @Option(names = "--role", required = true, description = "OPERATOR, BUREAU, DRIVER or SERVICE.")
        Role role;

        @Option(names = "--id", required = true, description = "The operator id, driver id or service name.")
        String id;

        @Override
        public Integer call() {
            byte[] secret = new byte[32];
            new SecureRandom().nextBytes(secret);
            String key = "pgk_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
            System.out.println("API key (give it to the caller; it is not stored anywhere):");
            System.out.println("  " + key);
            System.out.println("Credentials entry (for the config file or PARKGRID_CREDENTIALS_FILE):");
            System.out.printf(Locale.ROOT, "  - role: %s%n    id: %s%n    sha256: %s%n", role, id, ApiKeys.sha256(key));
            return 0;
        }
    }
}
