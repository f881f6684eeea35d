package city.parkgrid.sim;

import static org.assertj.core.api.Assertions.assertThat;

import city.parkgrid.catalog.Geography;
import city.parkgrid.dataset.DataSet;
import city.parkgrid.dataset.GeoJsonDataSetReader;
import city.parkgrid.lots.Lot;
import city.parkgrid.lots.LotKind;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The scenario's kerb and garage rates (Shoup's price gap): drivers without ParkGrid weigh them,
 * and every visitor pays the rate of the lot they park in.
 */
class KerbPriceGapTest {

    private static final DataSet DATA = GeoJsonDataSetReader.wujiaochang();

    private static Scenario small(Scenario.Prices prices) throws Exception {
        Scenario s = Scenario.read(Path.of(KerbPriceGapTest.class
                        .getResource("/small-weekend.yaml")
                        .toURI()))
                .with(20261128, 0.6);
        return new Scenario(
                s.name(),
                s.seed(),
                s.seeds(),
                s.date(),
                s.dayKind(),
                s.zone(),
                s.adoptionShares(),
                s.policies(),
                s.driving(),
                s.noInformation(),
                s.lotService(),
                s.access(),
                s.behaviour(),
                s.garageSigns(),
                s.holdMinutes(),
                s.maxWalkMetres(),
                s.backgroundFill(),
                s.demand(),
                s.eventControl(),
                s.parkAndRideMinutes(),
                prices);
    }

    private record Day(long kerbParked, Map<Long, Long> paid, RunResult run) {}

    private static Day baseline(Scenario s) {
        Map<Long, Long> paid = new HashMap<>();
        Simulation sim = new Experiment(s, DATA).simulation(s, "baseline").observedBy(new Simulation.Observer() {
            @Override
            public void paid(long driverId, String lotId, long fen) {
                paid.put(driverId, fen);
            }
        });
        RunResult run = sim.run("baseline");
        Set<String> kerb = new Geography(DATA)
                .listLots().stream()
                        .filter(l -> l.kind() == LotKind.ON_STREET)
                        .map(Lot::id)
                        .collect(Collectors.toSet());
        long kerbParked = run.drivers().stream()
                .filter(d -> d.lotId() != null && kerb.contains(d.lotId()))
                .count();
        return new Day(kerbParked, paid, run);
    }

    @Test
    void aCheaperKerbDrawsMoreDriversToItThanTheSameRateEverywhere() throws Exception {
        Day same = baseline(small(new Scenario.Prices(1000, 1000)));
        Day gap = baseline(small(new Scenario.Prices(300, 1500)));
        assertThat(gap.kerbParked()).isGreaterThan(same.kerbParked());
    }

    @Test
    void visitorsPayTheKerbOrGarageRateForTheirStayAndResidentsNothing() throws Exception {
        Day gap = baseline(small(new Scenario.Prices(300, 1500)));
        Geography geography = new Geography(DATA);
        List<DriverOutcome> parked = gap.run().drivers().stream()
                .filter(d -> d.end() == DriverOutcome.End.PARKED)
                .toList();
        assertThat(gap.paid()).isNotEmpty();
        for (DriverOutcome d : parked) {
            Lot lot = geography.getLot(d.lotId());
            Long fen = gap.paid().get(d.driverId());
            boolean visitor = !(d.segment() == Scenario.Segment.RESIDENTS
                    || d.segment() == Scenario.Segment.OFFICES
                    || "campus".equals(d.kind()));
            if (!visitor) {
                assertThat(fen).as("driver %d in their own lot", d.driverId()).isNull();
            } else if (lot.kind() == LotKind.ON_STREET) {
                // a stay of at least 5 minutes at 300 fen an hour
                assertThat(fen)
                        .as("driver %d at the kerb", d.driverId())
                        .isNotNull()
                        .isBetween(25L, 300L * 24);
            } else {
                assertThat(fen)
                        .as("driver %d in a garage", d.driverId())
                        .isNotNull()
                        .isGreaterThanOrEqualTo(125L);
            }
        }
        // no prices: nobody pays
        assertThat(baseline(small(null)).paid()).isEmpty();
    }
}
