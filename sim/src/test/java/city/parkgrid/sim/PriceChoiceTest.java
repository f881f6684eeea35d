package city.parkgrid.sim;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Two lots: a near one (100 m walk) and a cheaper one 300 m further; 2,000 drivers with values of
 * time drawn as in the simulation, each staying two hours.
 */
class PriceChoiceTest {

    private static final ValueOfTime VOT = new ValueOfTime(60, 0.7, 2.0);
    private static final double WALK_MINUTES_PER_METRE = 1.4 / 75.0;

    private static double shareChoosingFarther(long gapFenPerHour) {
        int farther = 0;
        int drivers = 2000;
        for (long seed = 0; seed < drivers; seed++) {
            double fenPerMinute = VOT.draw(seed * 7919);
            double near = VOT.cost(2 * 1000, 2.0, 100 * WALK_MINUTES_PER_METRE, fenPerMinute);
            double far = VOT.cost(2 * (1000 - gapFenPerHour), 2.5, 400 * WALK_MINUTES_PER_METRE, fenPerMinute);
            if (far < near) {
                farther++;
            }
        }
        return farther / (double) drivers;
    }

    @Test
    void theShareChoosingTheCheaperFartherLotRisesWithThePriceGap() {
        double previous = -1;
        for (long gap = 0; gap <= 900; gap += 100) {
            double share = shareChoosingFarther(gap);
            assertThat(share).isGreaterThanOrEqualTo(previous);
            previous = share;
        }
        assertThat(shareChoosingFarther(0)).isZero();
        assertThat(shareChoosingFarther(900)).isGreaterThan(shareChoosingFarther(300));
    }

    @Test
    void atAModerateGapSomeDriversButNotAllTakeTheCheaperFartherLot() {
        double share = shareChoosingFarther(300);
        assertThat(share).isStrictlyBetween(0.05, 0.95);
    }
}
