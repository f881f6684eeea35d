package city.parkgrid.sim;

import city.parkgrid.CityTime;
import city.parkgrid.catalog.Geography;
import city.parkgrid.dataset.DataSet;
import city.parkgrid.sim.platform.InProcessPlatform;
import city.parkgrid.sim.platform.ParkingPlatform;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A scenario's comparison over its seeds: for each seed the no-information baseline (nobody uses
 * ParkGrid), ParkGrid at each adoption share and the per-garage signs — a fresh platform for every
 * run and the same demand for every run of a seed, so runs differ only in who uses what. Runs go
 * to a pool of {@code threads} workers; the answer is in a fixed order whatever finishes first.
 */
public final class Experiment {

    private final Scenario scenario;
    private final DataSet data;
    private final DataSet connected;

    public Experiment(Scenario scenario, DataSet data) {
        this.scenario = scenario;
        this.data = data;
        // ParkGrid knows only the lots connected to it (not private lots, not kerbside without sensors)
        this.connected = new DataSet(
                data.regions(),
                data.zones(),
                data.lots().stream().filter(scenario.access()::connected).toList());
    }

    /** The suffix of a run with the scenario's event control in force: {@code parkgrid-60-control}. */
    public static final String CONTROL = "-control";

    /**
     * The runs of one seed, by name: baseline, parkgrid-30…, garage-signs; with an event control in
     * the scenario, each ParkGrid run also with the control ({@code parkgrid-30-control}…), right
     * after the same run without it.
     */
    public List<String> runNames() {
        List<String> names = new ArrayList<>();
        names.add("baseline");
        for (Scenario.Policy policy : scenario.policies()) {
            if (policy == Scenario.Policy.GARAGE_SIGNS) {
                names.add("garage-signs");
                continue;
            }
            for (double share : scenario.adoptionShares()) {
                if (share > 0) {
                    String name =
                            policy.name().toLowerCase(Locale.ROOT).replace('_', '-') + "-" + Math.round(share * 100);
                    names.add(name);
                    if (scenario.eventControl() != null) {
                        names.add(name + CONTROL);
                    }
                }
            }
        }
        return names;
    }

    /** Every run of the scenario's {@code seeds} seeds (seed, seed + 1, …), seed by seed. */
    public List<RunResult> run(int threads) {
        return run(scenario, scenario.seeds(), threads);
    }

    /** Every run of {@code seeds} seeds of {@code s}, seed by seed, in {@link #runNames()} order. */
    public List<RunResult> run(Scenario s, int seeds, int threads) {
        return run(s, seeds, threads, runNames());
    }

    /** The named runs of {@code seeds} seeds of {@code s}, seed by seed, in the order of {@code names}. */
    public List<RunResult> run(Scenario s, int seeds, int threads, List<String> names) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
        try {
            List<Future<RunResult>> futures = new ArrayList<>();
            for (int i = 0; i < seeds; i++) {
                Scenario seeded = s.with(s.seed() + i, 1.0);
                for (String name : names) {
                    futures.add(pool.submit(() -> runOne(seeded, name)));
                }
            }
            List<RunResult> results = new ArrayList<>();
            for (Future<RunResult> f : futures) {
                results.add(f.get());
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a run failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** One named run of one seeded scenario, with a fresh in-process platform. */
    public RunResult runOne(Scenario seeded, String name) {
        return simulation(seeded, name).run(name);
    }

    /**
     * The simulation of one named run, not yet run (a test may observe it). A {@code …-control} run's
     * platform has the bureau's control of the scenario scheduled for the day through its own use
     * case, and its gates keep the reserved spaces for the reservations.
     */
    public Simulation simulation(Scenario seeded, String name) {
        if (!name.endsWith(CONTROL)) {
            return simulation(seeded, name, platform(seeded));
        }
        return simulation(seeded, name.substring(0, name.length() - CONTROL.length()), controlledPlatform(seeded))
                .controlledBy(seeded.eventControl());
    }

    /**
     * A fresh platform for a {@code …-control} run: the bureau has scheduled the scenario's event
     * control for the day through the platform's own zone-control use case, before the day starts.
     */
    public InProcessPlatform controlledPlatform(Scenario seeded) {
        InProcessPlatform platform = platform(seeded);
        Scenario.EventControl control = seeded.eventControl();
        platform.controls()
                .addSchedule(
                        control.zone(),
                        control.mode(),
                        control.policy(),
                        Set.of(seeded.date().getDayOfWeek()),
                        control.from(),
                        control.to(),
                        "sim-bureau");
        return platform;
    }

    /** A fresh in-process platform for a run of the seeded scenario, knowing the connected lots only. */
    public InProcessPlatform platform(Scenario seeded) {
        return InProcessPlatform.simulated(
                connected, seeded.date().atStartOfDay(CityTime.SHANGHAI).toInstant());
    }

    /** The simulation of one named run against the given platform (a test may read its counts). */
    public Simulation simulation(Scenario seeded, String name, ParkingPlatform platform) {
        // a geography per run: its spatial index is built on first use, not safe to share between threads
        Geography geography = new Geography(data);
        if (name.equals("baseline")) {
            return new Simulation(seeded, geography, platform, 0.0, Scenario.Policy.PARKGRID);
        }
        if (name.equals("garage-signs")) {
            return new Simulation(seeded, geography, platform, 1.0, Scenario.Policy.GARAGE_SIGNS);
        }
        double share = Integer.parseInt(name.substring(name.lastIndexOf('-') + 1)) / 100.0;
        return new Simulation(seeded, geography, platform, share, Scenario.Policy.PARKGRID);
    }
}
