package city.parkgrid.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command writes the CSV files and a self-contained report with the comparison and calibration. */
class ReportTest {

    @Test
    void simWritesCsvAndAnOfflineHtmlReport(@TempDir Path out) throws Exception {
        Path scenario =
                Path.of(ReportTest.class.getResource("/small-weekend.yaml").toURI());
        int exit = new picocli.CommandLine(new SimMain())
                .execute("--scenario", scenario.toString(), "--out", out.toString());
        assertThat(exit).isZero();
        assertThat(out.resolve("summary.csv")).exists();
        assertThat(Files.readAllLines(out.resolve("summary.csv"))).hasSize(1 + 5);
        assertThat(Files.readAllLines(out.resolve("occupancy.csv")).size()).isGreaterThan(5 * 96);
        String html = Files.readString(out.resolve("report.html"));
        assertThat(html)
                .contains("<svg")
                .contains("Shoup")
                .contains("43%")
                .contains("parkgrid-100")
                .doesNotContain("<script")
                .doesNotContain("http://cdn")
                .doesNotContain("https://");
    }
}
