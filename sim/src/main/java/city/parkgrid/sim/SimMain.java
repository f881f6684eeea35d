package city.parkgrid.sim;

import city.parkgrid.catalog.Geography;
import city.parkgrid.dataset.DataSet;
import city.parkgrid.dataset.GeoJsonDataSetReader;
import city.parkgrid.sim.platform.HttpPlatform;
import city.parkgrid.sim.report.CsvReport;
import city.parkgrid.sim.report.Interval;
import city.parkgrid.sim.report.MarkdownReport;
import city.parkgrid.sim.report.PricingWeeksReport;
import city.parkgrid.sim.report.Summary;
import city.parkgrid.sim.report.SweepReport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./parkgrid sim --scenario FILE --out DIR}: runs a scenario over its seeds and writes the CSV
 * files and the report; {@code --sweep} adds the demand sweep; {@code --pricing-weeks N} runs the
 * simulated weeks with pricing reviews instead.
 */
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
            description = "Directory for summary.csv, aggregate.csv, occupancy.csv, search-times.csv and report.md.")
    Path out;

    @Option(
            names = "--data",
            description = "A data set as one GeoJSON FeatureCollection (default: the shipped Wujiaochang data set).")
    Path data;

    @Option(names = "--seeds", description = "Seeds to run (default: the scenario's `seeds`).")
    Integer seeds;

    @Option(
            names = "--threads",
            defaultValue = "2",
            description = "Runs simulated side by side (default ${DEFAULT-VALUE}).")
    int threads;

    @Option(
            names = "--sweep",
            split = ",",
            description =
                    "Demand factors for the sweep (e.g. 0.8,0.9,1.0,1.1,1.2,1.3,1.4): writes sweep.csv and sweep.svg.")
    List<Double> sweep;

    @Option(
            names = "--sweep-seeds",
            defaultValue = "5",
            description = "Seeds per demand level of the sweep (default ${DEFAULT-VALUE}).")
    int sweepSeeds;

    @Option(
            names = "--sweep-run",
            defaultValue = "parkgrid-60",
            description = "The run the sweep compares with the baseline (default ${DEFAULT-VALUE}).")
    String sweepRun;

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

    @Option(
            names = "--pricing-weeks",
            description = "Instead of the comparison: this many simulated weeks with a pricing review "
                    + "between them, against the same weeks at fixed rates (issue 14); writes "
                    + "pricing-weeks.csv, pricing-weeks-summary.csv and pricing-weeks.md.")
    Integer pricingWeeks;

    @Option(
            names = "--pricing-days",
            defaultValue = "5",
            description = "With --pricing-weeks: simulated days (draws of the scenario's day) per week, "
                    + "read together by each review (default ${DEFAULT-VALUE}).")
    int pricingDays;

    public static void main(String[] args) {
        System.exit(new CommandLine(new SimMain()).execute(args));
    }

    @Override
    public Integer call() {
        long start = System.nanoTime();
        Scenario s = Scenario.read(scenario);
        DataSet data = this.data == null ? GeoJsonDataSetReader.wujiaochang() : GeoJsonDataSetReader.read(this.data);
        if (pricingWeeks != null) {
            return pricingWeeks(s, data);
        }
        List<RunResult> runs;
        if (target == null) {
            runs = new Experiment(s, data).run(s, seeds == null ? s.seeds() : seeds, threads);
        } else {
            Geography geography = new Geography(data);
            Simulation sim = new Simulation(
                    s, geography, new HttpPlatform(target, geography), adoption, Scenario.Policy.PARKGRID);
            System.out.printf(
                    Locale.ROOT,
                    "driving %s at %.0fx real time (a simulated day takes %.1f minutes)%n",
                    target,
                    speedup,
                    24 * 60 / speedup);
            RunResult live = sim.runLive("live-" + Math.round(adoption * 100), speedup, sim.dayStart(), () -> false);
            runs = List.of(live);
        }
        List<Summary> summaries = summaries(runs);
        CsvReport.write(out, runs, summaries);
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, Map<String, Interval>> aggregate = CsvReport.aggregate(summaries);
        MarkdownReport.write(out.resolve("report.md"), s, aggregate, seconds);
        System.out.printf(
                Locale.ROOT,
                "%s: %d runs in %.1f s on %d threads; report at %s%n",
                s.name(),
                runs.size(),
                seconds,
                threads,
                out.resolve("report.md"));
        aggregate.forEach((run, f) -> System.out.printf(
                Locale.ROOT,
                "  %-16s peak search %5.2f ± %4.2f min (all %5.2f ± %4.2f)  gave up %5.1f%%  unit peak fill %4.1f%%%n",
                run,
                f.get("peak_search_min").mean(),
                f.get("peak_search_min").halfWidth(),
                f.get("peak_search_all_min").mean(),
                f.get("peak_search_all_min").halfWidth(),
                100 * f.get("gave_up_share").mean(),
                100 * f.get("peak_unit_fill").mean()));
        if (sweep != null && target == null) {
            long sweepStart = System.nanoTime();
            SweepReport.write(out, sweepRun, sweep(s, data));
            System.out.printf(
                    Locale.ROOT,
                    "sweep: %d demand levels × %d seeds in %.1f s; %s%n",
                    sweep.size(),
                    sweepSeeds,
                    (System.nanoTime() - sweepStart) / 1e9,
                    out.resolve("sweep.csv"));
        }
        return 0;
    }

    private int pricingWeeks(Scenario s, DataSet data) {
        PricingWeeks.Result r = new PricingWeeks(s, data).run(pricingWeeks, pricingDays, threads);
        PricingWeeksReport.write(out, r);
        List<String> outside = r.startedOutside();
        System.out.printf(
                Locale.ROOT,
                "%s: %d weeks of %d days priced and fixed in %.1f s; %d of %d priced lots started outside the target; report at %s%n",
                s.name(),
                pricingWeeks,
                pricingDays,
                r.wallSeconds(),
                outside.size(),
                r.priced().get(0).lots().size(),
                out.resolve("pricing-weeks.md"));
        for (int i = 0; i < r.priced().size(); i++) {
            PricingWeeks.Week p = r.priced().get(i);
            PricingWeeks.Week f = r.fixed().get(i);
            System.out.printf(
                    Locale.ROOT,
                    "  week %d  in target (started outside) %5.1f%% vs %5.1f%%  search %5.2f vs %5.2f min"
                            + "  revenue %8.0f vs %8.0f yuan  mean paid %5.2f vs %5.2f yuan (priced vs fixed)%n",
                    p.week(),
                    100 * PricingWeeksReport.inTarget(p, outside),
                    100 * PricingWeeksReport.inTarget(f, outside),
                    p.meanSearchMinutes(),
                    f.meanSearchMinutes(),
                    p.revenueFen() / 100.0,
                    f.revenueFen() / 100.0,
                    p.meanPaidFen() / 100.0,
                    f.meanPaidFen() / 100.0);
        }
        return 0;
    }

    /** Each run's figures, against the baseline of its own seed (runs come seed by seed, baseline first). */
    static List<Summary> summaries(List<RunResult> runs) {
        List<Summary> summaries = new ArrayList<>();
        RunResult baseline = runs.get(0);
        for (RunResult r : runs) {
            if (r.run().equals("baseline")) {
                baseline = r;
            }
            summaries.add(Summary.of(r, baseline));
        }
        return summaries;
    }

    private List<SweepReport.Point> sweep(Scenario s, DataSet data) {
        List<SweepReport.Point> points = new ArrayList<>();
        for (double factor : sweep) {
            Scenario scaled = s.with(s.seed(), factor);
            Experiment experiment = new Experiment(scaled, data);
            List<RunResult> runs = experiment.run(scaled, sweepSeeds, threads, List.of("baseline", sweepRun));
            List<Summary> summaries = summaries(runs);
            double[] fill = pick(summaries, "baseline", "peak_unit_fill");
            double[] before = pick(summaries, "baseline", "peak_search_all_min");
            double[] after = pick(summaries, sweepRun, "peak_search_all_min");
            double[] cut = new double[before.length];
            for (int i = 0; i < cut.length; i++) {
                cut[i] = after[i] / before[i] - 1;
            }
            points.add(new SweepReport.Point(
                    factor, Interval.of(fill), Interval.of(before), Interval.of(after), Interval.of(cut)));
        }
        return points;
    }

    private static double[] pick(List<Summary> summaries, String run, String figure) {
        return summaries.stream()
                .filter(x -> x.run().equals(run))
                .mapToDouble(x -> x.figures().get(figure))
                .toArray();
    }
}
