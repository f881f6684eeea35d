package city.parkgrid.forecast.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import city.parkgrid.forecast.Forecasters;
import city.parkgrid.forecast.Observation;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BacktestFilesTest {

    /**
     * Two lots, 1 to 15 November 2016, 18 readings a day (270 each), plus an exact duplicate row, a
     * count above capacity and a negative one.
     */
    static Path fixture() throws URISyntaxException {
        return Path.of(BacktestFilesTest.class
                .getResource("/forecast/backtest-fixture.csv")
                .toURI());
    }

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    @Test
    void writesTheThreeFilesWithOneRowPerLotTargetHorizonAndMethod(@TempDir Path out) throws Exception {
        Map<String, List<Observation>> lots = BirminghamCsv.read(fixture(), ZONE);
        assertThat(lots.keySet()).containsExactly("LOTA", "LOTB");
        assertThat(lots.values().stream().mapToInt(List::size).sum()).isEqualTo(541);

        Summary summary = BacktestFiles.write(
                lots,
                Forecasters.all(),
                new Backtest.Options(LocalDate.parse("2016-11-14"), null, List.of(30, 60), ZONE),
                out);

        List<String> predictions = Files.readAllLines(out.resolve("predictions.csv"));
        assertThat(predictions.get(0))
                .isEqualTo("lot,issued_at,target_at,horizon_minutes,method,predicted_occupied,actual_occupied");
        // 2 lots × 2 days × 18 readings × 2 horizons × 5 methods.
        assertThat(predictions).hasSize(1 + 2 * 36 * 2 * 5);
        Set<String> keys = predictions.stream()
                .skip(1)
                .map(l -> {
                    String[] c = l.split(",");
                    return c[0] + c[2] + c[3] + c[4];
                })
                .collect(Collectors.toSet());
        assertThat(keys).hasSize(2 * 36 * 2 * 5);
        for (String line : predictions.subList(1, predictions.size())) {
            String[] c = line.split(",");
            assertThat(c).hasSize(7);
            LocalDateTime issued = LocalDateTime.parse(c[1]);
            LocalDateTime target = LocalDateTime.parse(c[2]);
            assertThat(issued.plusMinutes(Integer.parseInt(c[3]))).isEqualTo(target);
            assertThat(target.toLocalDate()).isAfterOrEqualTo(LocalDate.parse("2016-11-14"));
            assertThat(Forecasters.names()).contains(c[4]);
            int capacity = c[0].equals("LOTA") ? 300 : 120;
            assertThat(Double.parseDouble(c[5])).isBetween(0.0, (double) capacity);
            assertThat(Integer.parseInt(c[6])).isBetween(0, capacity);
        }

        List<String> summaryLines = Files.readAllLines(out.resolve("summary.csv"));
        assertThat(summaryLines.get(0))
                .isEqualTo("method,horizon_minutes,mae_spaces,mae_percent_of_capacity,interval_coverage,n");
        assertThat(summaryLines).hasSize(1 + 5 * 2);
        assertThat(summary.rows()).allSatisfy(r -> assertThat(r.n()).isEqualTo(72));
        assertThat(summaryLines.subList(1, summaryLines.size()))
                .extracting(l -> l.split(",")[0] + "@" + l.split(",")[1])
                .containsExactlyInAnyOrder(Forecasters.names().stream()
                        .flatMap(m -> List.of(m + "@30", m + "@60").stream())
                        .toArray(String[]::new));

        String html = Files.readString(out.resolve("report.html"));
        assertThat(html).contains("<svg", "parkgrid", "relativized-average", "LOTA", "LOTB", "</html>");
        assertThat(html).doesNotContain("<script", "src=", "href=", "<link");
    }

    @Test
    void toLimitsTheTargetsToBeforeADate(@TempDir Path out) throws Exception {
        Map<String, List<Observation>> lots = BirminghamCsv.read(fixture(), ZONE);

        Summary summary = BacktestFiles.write(
                lots,
                List.of(Forecasters.named("persistence")),
                new Backtest.Options(LocalDate.parse("2016-11-13"), LocalDate.parse("2016-11-14"), List.of(120), ZONE),
                out);

        assertThat(summary.rows())
                .singleElement()
                .satisfies(r -> assertThat(r.n()).isEqualTo(2 * 18));
        assertThat(Files.readAllLines(out.resolve("predictions.csv")).stream().skip(1))
                .allSatisfy(l -> assertThat(l.split(",")[2]).startsWith("2016-11-13T"));
    }

    @Test
    void theActualValueIsTheCleanedReading(@TempDir Path out) throws Exception {
        Map<String, List<Observation>> lots = BirminghamCsv.read(fixture(), ZONE);
        Collection<Observation> raw = lots.get("LOTA");
        assertThat(raw).anySatisfy(o -> assertThat(o.occupied()).isGreaterThan(o.capacity()));

        BacktestFiles.write(
                lots,
                List.of(Forecasters.named("persistence")),
                new Backtest.Options(LocalDate.parse("2016-11-01"), null, List.of(30), ZONE),
                out);

        assertThat(Files.readAllLines(out.resolve("predictions.csv")).stream().skip(1))
                .allSatisfy(l -> assertThat(Integer.parseInt(l.split(",")[6])).isBetween(0, 300));
    }
}
