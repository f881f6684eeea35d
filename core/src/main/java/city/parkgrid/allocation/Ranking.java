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
 *      + fullnessMetres × u⁴, u = (occupied + held + reserved + 1) / capacity, the fill ratio with this driver
 *      + fullAtArrivalMetres × (1 − P(a free space at arrival)), when the lot's arrival is forecast
 * </pre>
 * Ties go to the lot with the smaller id, so the same question always gets the same answer.
 * Under a MANAGED control with an occupancy target, lots that would stay under the target with this
 * driver come first, whatever their cost: the bureau spreads demand before convenience. Lots that
 * would go over it follow least full first, so a unit just under its target tops up evenly.
 */
public final class Ranking {

    private Ranking() {}

    public static List<RankedOption> rank(List<Candidate> candidates, RankingWeights weights) {
        return rank(candidates, weights, Double.NaN);
    }

    /** @param target the occupancy target of a MANAGED unit, or NaN for none */
    public static List<RankedOption> rank(List<Candidate> candidates, RankingWeights weights, double target) {
        Comparator<RankedOption> byCost = Comparator.comparingDouble(RankedOption::cost)
                .thenComparing(o -> o.candidate().lot().id());
        Comparator<RankedOption> order = Double.isNaN(target)
                ? byCost
                : Comparator.comparing((RankedOption o) ->
                                fillRatioWithOneMore(o.candidate().occupancy()) > target)
                        .thenComparingDouble(
                                o -> fillRatioWithOneMore(o.candidate().occupancy()) > target
                                        ? fillRatioWithOneMore(o.candidate().occupancy())
                                        : 0)
                        .thenComparing(byCost);
        return candidates.stream()
                .map(c -> new RankedOption(c, cost(c, weights)))
                .sorted(order)
                .toList();
    }

    static double cost(Candidate c, RankingWeights w) {
        double cost = w.walkPerMetre() * c.walkMetres();
        if (c.driveMetres() != null) {
            cost += w.drivePerMetre() * c.driveMetres();
        }
        if (c.fee() != null) {
            cost += w.perFen() * c.fee().fen();
        }
        if (c.arrival() != null) {
            cost += w.fullAtArrivalMetres() * (1 - c.arrival().probabilityFree());
        }
        return cost + w.fullnessMetres() * Math.pow(fillRatioWithOneMore(c.occupancy()), 4);
    }

    static double fillRatioWithOneMore(LotOccupancy o) {
        if (o.capacity() <= 0) {
            return 1;
        }
        // reserved spaces are as unavailable to the public as taken ones
        return Math.min(1.0, (o.occupied() + o.held() + o.reserved() + 1.0) / o.capacity());
    }
}
