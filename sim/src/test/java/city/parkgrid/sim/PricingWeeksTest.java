package city.parkgrid.sim;

import static org.assertj.core.api.Assertions.assertThat;

import city.parkgrid.dataset.GeoJsonDataSetReader;
import city.parkgrid.pricing.PricingPolicy;
import city.parkgrid.sim.PricingWeeks.LotWeek;
import city.parkgrid.sim.PricingWeeks.Week;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three simulated weeks of the small weekend day (a quarter of the weekend's demand): the reviews
 * move each lot's rate the way its band occupancy says, within the floor and ceiling, while the
 * comparison arm keeps its rates.
 */
class PricingWeeksTest {

    private static final int WEEKS = 3;
    private static final int DAYS = 2;

    private static Scenario scenario;
    private static PricingWeeks.Result result;

    @BeforeAll
    static void simulate() throws Exception {
        scenario = Scenario.read(Path.of(
                PricingWeeksTest.class.getResource("/small-weekend.yaml").toURI()));
        result = new PricingWeeks(scenario, GeoJsonDataSetReader.wujiaochang()).run(WEEKS, DAYS, 2);
    }

    @Test
    void eachLotsRateMovesAsItsBandOccupancyInTheWeekBeforeSays() {
        PricingPolicy p = result.policy();
        int up = 0;
        int down = 0;
        for (int w = 0; w + 1 < WEEKS; w++) {
            for (LotWeek before : result.priced().get(w).lots().values()) {
                long next =
                        result.priced().get(w + 1).lots().get(before.lotId()).rateFen();
                double occupancy = before.bandOccupancy();
                long rate = before.rateFen();
                if (occupancy >= p.targetHigh()) {
                    assertThat(next)
                            .as(before.lotId())
                            .isEqualTo(Math.min(p.max().fen(), rate + 200));
                    up += next > rate ? 1 : 0;
                } else if (occupancy < p.bigStepBelow()) {
                    assertThat(next)
                            .as(before.lotId())
                            .isEqualTo(Math.max(p.min().fen(), rate - 300));
                    down += next < rate ? 1 : 0;
                } else if (occupancy < p.targetLow()) {
                    assertThat(next)
                            .as(before.lotId())
                            .isEqualTo(Math.max(p.min().fen(), rate - 200));
                    down += next < rate ? 1 : 0;
                } else {
                    assertThat(next).as(before.lotId()).isEqualTo(rate);
                }
            }
        }
        // the small day has both kinds: full kerbside stretches and half-empty garages
        assertThat(up).isPositive();
        assertThat(down).isPositive();
    }

    @Test
    void eachReviewReadsTheBandOfEveryDayOfItsWeekAndEachWeekHasItsOwnSeeds() {
        for (Week w : result.priced()) {
            assertThat(w.seed()).isEqualTo(scenario.seed() + (long) (w.week() - 1) * DAYS);
            // 10:00-20:00 is 40 fifteen-minute bins a day
            assertThat(w.lots().values())
                    .allSatisfy(
                            l -> assertThat(l.next().samples()).as(l.lotId()).isEqualTo(DAYS * 40));
        }
    }

    @Test
    void ratesStayWithinTheFloorAndTheCeiling() {
        for (Week w : result.priced()) {
            for (LotWeek l : w.lots().values()) {
                assertThat(l.rateFen()).isBetween(300L, 2500L);
                assertThat(l.next().proposed().fen()).isBetween(300L, 2500L);
            }
        }
    }

    @Test
    void theComparisonKeepsTheStartingRatesAndMatchesThePricedArmInTheFirstWeek() {
        for (Week w : result.fixed()) {
            assertThat(w.lots().values())
                    .allSatisfy(l -> assertThat(l.rateFen()).isEqualTo(1000));
        }
        assertThat(result.priced().get(0).lots().values())
                .allSatisfy(l -> assertThat(l.rateFen()).isEqualTo(1000));
        Week priced = result.priced().get(0);
        Week fixed = result.fixed().get(0);
        assertThat(priced.revenueFen()).isPositive().isEqualTo(fixed.revenueFen());
        assertThat(priced.meanSearchMinutes()).isEqualTo(fixed.meanSearchMinutes());
        assertThat(result.priced().get(1).revenueFen())
                .isNotEqualTo(result.fixed().get(1).revenueFen());
        assertThat(result.priced().stream().map(Week::seed).distinct()).hasSize(WEEKS);
    }

    @Test
    void simMainWritesTheWeeksAsCsvAndMarkdown(@TempDir Path out) throws Exception {
        Path file = Path.of(
                PricingWeeksTest.class.getResource("/small-weekend.yaml").toURI());
        int exit = new picocli.CommandLine(new SimMain())
                .execute(
                        "--scenario",
                        file.toString(),
                        "--out",
                        out.toString(),
                        "--pricing-weeks",
                        "2",
                        "--pricing-days",
                        String.valueOf(DAYS));
        assertThat(exit).isZero();
        int lots = result.priced().get(0).lots().size();
        assertThat(Files.readAllLines(out.resolve("pricing-weeks.csv"))).hasSize(1 + 2 * 2 * lots);
        List<String> summary = Files.readAllLines(out.resolve("pricing-weeks-summary.csv"));
        assertThat(summary).hasSize(1 + 2 * 2);
        // the same seeds as the run above: its first week's revenue, to the fen
        assertThat(summary.get(1))
                .startsWith("priced,1,")
                .contains("," + result.priced().get(0).revenueFen() + ",");
        assertThat(Files.readString(out.resolve("pricing-weeks.md")))
                .contains("| 2 |")
                .contains("wanda-plaza");
    }
}
