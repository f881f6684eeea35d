package city.parkgrid.sim;

import static org.assertj.core.api.Assertions.assertThat;

import city.parkgrid.sim.report.Interval;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command's files carry the measured figures, and the intervals are computed right. */
class ReportTest {

    @Test
    void theIntervalIsTheMeanPlusOrMinusStudentsTTimesTheStandardError() {
        Interval i = Interval.of(new double[] {1, 2, 3, 4, Double.NaN});
        assertThat(i.n()).isEqualTo(4);
        assertThat(i.mean()).isEqualTo(2.5);
        // s = sqrt(5/3), t(0.975, 3) = 3.182
        assertThat(i.halfWidth()).isCloseTo(3.182 * Math.sqrt(5.0 / 3) / 2, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(i.contains(2.5 + i.halfWidth() + 1e-6)).isFalse();
    }

    @Test
    void simWritesTheCsvFilesAndAReportWhoseTablesHoldTheAggregatedFigures(@TempDir Path out) throws Exception {
        Path scenario =
                Path.of(ReportTest.class.getResource("/tiny-district.yaml").toURI());
        Path district =
                Path.of(ReportTest.class.getResource("/tiny-district.geojson").toURI());
        int exit = new picocli.CommandLine(new SimMain())
                .execute(
                        "--scenario",
                        scenario.toString(),
                        "--data",
                        district.toString(),
                        "--seeds",
                        "3",
                        "--out",
                        out.toString(),
                        "--sweep",
                        "1.0,2.0",
                        "--sweep-seeds",
                        "2",
                        "--sweep-run",
                        "parkgrid-100");
        assertThat(exit).isZero();
        List<String> summary = Files.readAllLines(out.resolve("summary.csv"));
        assertThat(summary).hasSize(1 + 3 * 3);
        List<String> aggregate = Files.readAllLines(out.resolve("aggregate.csv"));
        String baselineSearch = aggregate.stream()
                .filter(l -> l.startsWith("baseline,peak_search_min,"))
                .findFirst()
                .orElseThrow();
        double mean = Double.parseDouble(baselineSearch.split(",")[2]);
        String report = Files.readString(out.resolve("report.md"));
        assertThat(report).contains(String.format(java.util.Locale.ROOT, "| baseline | %.2f", mean));
        assertThat(Files.readAllLines(out.resolve("sweep.csv"))).hasSize(1 + 2);
        assertThat(Files.readString(out.resolve("sweep.svg")))
                .startsWith("<svg")
                .contains("2.0×");
    }
}
