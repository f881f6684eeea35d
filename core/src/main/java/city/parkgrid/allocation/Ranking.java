package city.parkgrid.allocation;

import city.parkgrid.occupancy.LotOccupancy;
import java.util.Comparator;
import java.util.List;

/**
 * Orders the lots a driver could use, best first. A pure function of its inputs (thread-safe), so
 * later terms (zone control, prices) are added here and tested here.
 *
 * <pre>
 * cost = walkPerMetre  × walk (lot → destination)
 *      + drivePerMetre × drive (origin → lot, straight line × detour factor), when an origin is given
 *      + perFen        × expected fee, when a tariff is known
 *      + fullnessMetres × u⁴, u = (occupied + held + 1) / capacity, the fill ratio with this driver
 * </pre>
 * Ties go to the lot with the smaller id, so the same question always gets the same answer.
 */
public final class Ranking {

    private Ranking() {
    }

    public static List<RankedOption> rank(List<Candidate> candidates, RankingWeights weights) {
        return candidates.stream()
                .map(c -> new RankedOption(c, cost(c, weights)))
                .sorted(Comparator.comparingDouble(RankedOption::cost).thenComparing(o -> o.candidate().lot().id()))
                .toList();
    }

    static double cost(Candidate c, RankingWeights w) {
        double cost = w.walkPerMetre() * c.walkMetres();
        if (c.driveMetres() != null) {
            cost += w.drivePerMetre() * c.driveMetres();
        }
        if (c.feeFen() != null) {
            cost += w.perFen() * c.feeFen();
        }
        return cost + w.fullnessMetres() * Math.pow(fillRatioWithOneMore(c.occupancy()), 4);
    }

    static double fillRatioWithOneMore(LotOccupancy o) {
        if (o.capacity() <= 0) {
            return 1;
        }
        return Math.min(1.0, (o.occupied() + o.held() + 1.0) / o.capacity());
    }
}
