package city.parkgrid.sim;

import city.parkgrid.catalog.Geography;
import city.parkgrid.dataset.GeoJsonDataSetReader;
import city.parkgrid.sim.platform.HttpPlatform;
import city.parkgrid.sim.report.CsvReport;
import city.parkgrid.sim.report.HtmlReport;
import city.parkgrid.sim.report.Summary;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./parkgrid sim --scenario FILE --out DIR}: runs a scenario and writes the CSV files and the report. */
@Command(
        name = "sim",
        mixinStandardHelpOptions = true,
        description = "Simulate a day of traffic in a parking unit: cruising versus ParkGrid allocation.")
public final class SimMain implements Callable<Integer> {

    @Option(
            names = "--scenario",
            required = true,
            description = "Scenario YAML (see sim/src/main/resources/scenarios/).")
    Path scenario;

    @Option(
            names = "--out",
            required = true,
            description = "Directory for summary.csv, occupancy.csv, search-times.csv and report.html.")
    Path out;

    @Option(
            names = "--target",
            description = "Drive a running dev platform over HTTP (loopback only) instead of "
                    + "the platform in process: one live run of ParkGrid drivers at --adoption.")
    String target;

    @Option(
            names = "--speedup",
            defaultValue = "120",
            description = "With --target: simulated seconds per real second (default ${DEFAULT-VALUE}).")
    double speedup;

    @Option(
            names = "--adoption",
            defaultValue = "0.6",
            description = "With --target: the share of drivers using ParkGrid (default ${DEFAULT-VALUE}).")
    double adoption;

    public static void main(String[] args) {
        System.exit(new CommandLine(new SimMain()).execute(args));
    }

    @Override
    public Integer call() {
        long start = System.nanoTime();
        Scenario s = Scenario.read(scenario);
        List<RunResult> runs;
        if (target == null) {
            runs = new Experiment(s, GeoJsonDataSetReader.wujiaochang()).run();
        } else {
            Geography geography = new Geography(GeoJsonDataSetReader.wujiaochang());
            Simulation sim = new Simulation(
                    s, geography, new HttpPlatform(target, geography), adoption, Scenario.Policy.PARKGRID);
            System.out.printf(
                    Locale.ROOT,
                    "driving %s at %.0fx real time (a simulated day takes %.1f minutes)%n",
                    target,
                    speedup,
                    24 * 60 / speedup);
            runs = List.of(sim.runLive("live-" + Math.round(adoption * 100), speedup, sim.dayStart(), () -> false));
        }
        int[] peak = Summary.peakWindow(runs.get(0).drivers());
        List<Summary> summaries = runs.stream().map(r -> Summary.of(r, peak)).toList();
        CsvReport.write(out, runs, summaries);
        double seconds = (System.nanoTime() - start) / 1e9;
        HtmlReport.write(out.resolve("report.html"), s, runs, summaries, peak, seconds);
        System.out.printf(
                Locale.ROOT,
                "%s: %d runs in %.1f s; report at %s%n",
                s.name(),
                runs.size(),
                seconds,
                out.resolve("report.html"));
        for (Summary x : summaries) {
            System.out.printf(
                    Locale.ROOT,
                    "  %-16s parked %6d  gave up %5d  mean search %5.2f min  peak %5.2f min%n",
                    x.run(),
                    x.parked(),
                    x.gaveUp(),
                    x.searchMean(),
                    x.peakSearchMean());
        }
        return 0;
    }
}
