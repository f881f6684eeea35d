package city.parkgrid.sim;

import city.parkgrid.CityTime;
import city.parkgrid.dataset.DataSet;
import city.parkgrid.sim.platform.InProcessPlatform;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A scenario's comparison: the no-information baseline (nobody uses ParkGrid), then each adopter
 * policy at each adoption share — a fresh platform and the same seed for every run, so runs differ
 * only in who uses what.
 */
public final class Experiment {

    private final Scenario scenario;
    private final DataSet data;

    public Experiment(Scenario scenario, DataSet data) {
        this.scenario = scenario;
        this.data = data;
    }

    public List<RunResult> run() {
        List<RunResult> results = new ArrayList<>();
        results.add(runOne(0.0, Scenario.Policy.PARKGRID, "baseline"));
        for (Scenario.Policy policy : scenario.policies()) {
            for (double share : scenario.adoptionShares()) {
                if (share > 0) {
                    String name =
                            policy.name().toLowerCase(Locale.ROOT).replace('_', '-') + "-" + Math.round(share * 100);
                    results.add(runOne(share, policy, name));
                }
            }
        }
        return results;
    }

    /** One day with a fresh in-process platform. */
    public RunResult runOne(double share, Scenario.Policy policy, String name) {
        InProcessPlatform platform = InProcessPlatform.simulated(
                data, scenario.date().atStartOfDay(CityTime.SHANGHAI).toInstant());
        Simulation sim = new Simulation(scenario, platform.geography(), platform, share, policy);
        return sim.run(name);
    }
}
