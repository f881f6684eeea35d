package city.parkgrid.deploy;

import city.parkgrid.forecast.Forecaster;
import city.parkgrid.forecast.Forecasters;
import city.parkgrid.forecast.Observation;
import city.parkgrid.forecast.backtest.Backtest;
import city.parkgrid.forecast.backtest.BacktestFiles;
import city.parkgrid.forecast.backtest.BirminghamCsv;
import city.parkgrid.forecast.backtest.Summary;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code parkgrid forecast ...}: occupancy forecasts off-line; today the backtest. */
@Command(
        name = "forecast",
        mixinStandardHelpOptions = true,
        description = "Occupancy forecasts off-line.",
        subcommands = {ForecastCommand.BacktestCommand.class})
final class ForecastCommand {

    @Command(
            name = "backtest",
            mixinStandardHelpOptions = true,
            description = "Re-forecast every observation from --from on with every method, each from data at or "
                    + "before (its time - horizon); write predictions.csv, summary.csv and report.html.")
    static final class BacktestCommand implements Callable<Integer> {

        @Option(
                names = "--history",
                required = true,
                description = "CSV with the columns SystemCodeNumber,Capacity,Occupancy,LastUpdated (local time).")
        Path history;

        @Option(
                names = "--from",
                required = true,
                description = "First local date (YYYY-MM-DD) whose observations are forecast.")
        LocalDate from;

        @Option(
                names = "--to",
                description = "Forecast only observations before this local date (exclusive), e.g. to tune on "
                        + "data before a held-out split.")
        LocalDate to;

        @Option(
                names = "--horizons",
                split = ",",
                defaultValue = "30,60,120,240",
                description = "Horizons in minutes, up to 1440 (default ${DEFAULT-VALUE}).")
        List<Integer> horizons;

        @Option(
                names = "--time-zone",
                defaultValue = "Asia/Shanghai",
                description = "The zone of LastUpdated and of weekdays (default ${DEFAULT-VALUE}).")
        ZoneId zone;

        @Option(
                names = "--methods",
                split = ",",
                description = "Methods to run (default: all of parkgrid, persistence, seasonal-naive, "
                        + "historical-average, relativized-average).")
        List<String> methods;

        @Option(names = "--out", required = true, description = "Directory for the three files.")
        Path out;

        @Override
        public Integer call() {
            run(System.out);
            return 0;
        }

        void run(PrintStream console) {
            long started = System.nanoTime();
            Map<String, List<Observation>> lots = BirminghamCsv.read(history, zone);
            List<Forecaster> chosen = methods == null
                    ? Forecasters.all()
                    : methods.stream().map(Forecasters::named).toList();
            Summary summary = BacktestFiles.write(lots, chosen, new Backtest.Options(from, to, horizons, zone), out);
            double seconds = (System.nanoTime() - started) / 1e9;
            console.printf(
                    Locale.ROOT,
                    "%-20s %8s %10s %10s %9s %8s%n",
                    "method",
                    "horizon",
                    "MAE",
                    "MAE %cap",
                    "coverage",
                    "n");
            for (Summary.Row r : summary.rows()) {
                console.printf(
                        Locale.ROOT,
                        "%-20s %8d %10.2f %10.2f %8.1f%% %8d%n",
                        r.method(),
                        r.horizonMinutes(),
                        r.maeSpaces(),
                        r.maePercentOfCapacity(),
                        100 * r.intervalCoverage(),
                        r.n());
            }
            console.printf(
                    Locale.ROOT,
                    "%d lots backtested in %.1f s; wrote %s, %s and %s%n",
                    lots.size(),
                    seconds,
                    out.resolve("predictions.csv"),
                    out.resolve("summary.csv"),
                    out.resolve("report.html"));
        }
    }
}
