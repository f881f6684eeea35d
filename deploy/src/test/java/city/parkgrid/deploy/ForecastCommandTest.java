package city.parkgrid.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code ./parkgrid forecast backtest}: the launcher's options reach the backtest and the files appear. */
class ForecastCommandTest {

    /** The backtest fixture of core's tests (two lots, 1 to 15 November 2016), as a file. */
    private static Path fixture(Path dir) throws IOException {
        Path history = dir.resolve("history.csv");
        try (InputStream in = ForecastCommandTest.class.getResourceAsStream("/forecast/backtest-fixture.csv")) {
            Files.copy(in, history);
        }
        return history;
    }

    @Test
    void backtestWritesItsThreeFiles(@TempDir Path dir) throws Exception {
        Path history = fixture(dir);
        Path out = dir.resolve("out");
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new ParkGridMain()).setErr(new PrintWriter(err));

        int exit = cli.execute(
                "forecast",
                "backtest",
                "--history",
                history.toString(),
                "--from",
                "2016-11-15",
                "--horizons",
                "30,240",
                "--time-zone",
                "Europe/London",
                "--methods",
                "parkgrid,persistence",
                "--out",
                out.toString());

        assertThat(exit).as(err.toString()).isZero();
        List<String> summary = Files.readAllLines(out.resolve("summary.csv"));
        assertThat(summary)
                .containsExactly(summary.get(0), summary.get(1), summary.get(2), summary.get(3), summary.get(4))
                .extracting(l -> String.join(",", List.of(l.split(",")).subList(0, 2)))
                .containsExactly(
                        "method,horizon_minutes", "parkgrid,30", "parkgrid,240", "persistence,30", "persistence,240");
        // 2 lots × 18 readings on the 15th × 2 horizons × 2 methods, plus the header.
        assertThat(Files.readAllLines(out.resolve("predictions.csv"))).hasSize(1 + 2 * 18 * 2 * 2);
        assertThat(out.resolve("report.html")).isNotEmptyFile();
    }

    @Test
    void anUnknownMethodIsRefused(@TempDir Path dir) throws Exception {
        Path history = fixture(dir);
        CommandLine cli = new CommandLine(new ParkGridMain())
                .setErr(new PrintWriter(new StringWriter()))
                .setOut(new PrintWriter(new StringWriter()));

        int exit = cli.execute(
                "forecast",
                "backtest",
                "--history",
                history.toString(),
                "--from",
                "2016-11-15",
                "--methods",
                "oracle",
                "--out",
                dir.resolve("out").toString());

        assertThat(exit).isNotZero();
        assertThat(dir.resolve("out")).doesNotExist();
    }
}
