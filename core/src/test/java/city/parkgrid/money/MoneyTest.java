package city.parkgrid.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MoneyTest {

    private static Money fen(long fen) {
        return Money.ofFen(fen);
    }

    @Test
    void arithmeticIsInWholeFen() {
        assertThat(fen(1_234).plus(fen(66))).isEqualTo(fen(1_300));
        assertThat(fen(1_000).minus(fen(1_800))).isEqualTo(fen(-800));
        assertThat(fen(333).times(3)).isEqualTo(fen(999));
        assertThat(fen(5).times(0)).isEqualTo(Money.ZERO);
        assertThat(fen(2_000).min(fen(1_999))).isEqualTo(fen(1_999));
        assertThat(fen(-1).min(Money.ZERO)).isEqualTo(fen(-1));
        assertThat(fen(1_000).max(fen(500))).isEqualTo(fen(1_000));
    }

    @Test
    void tellsItsSign() {
        assertThat(Money.ZERO.isZero()).isTrue();
        assertThat(fen(1).isZero()).isFalse();
        assertThat(fen(1).isPositive()).isTrue();
        assertThat(Money.ZERO.isPositive()).isFalse();
        assertThat(fen(-1).isPositive()).isFalse();
        assertThat(fen(-1).isNegative()).isTrue();
        assertThat(Money.ZERO.isNegative()).isFalse();
    }

    @Test
    void sharesRoundDownToTheFen() {
        // the resident discount: 50% of ¥3.33 is ¥1.665, charged as ¥1.66
        assertThat(fen(333).percent(50)).isEqualTo(fen(166));
        assertThat(fen(333).percent(100)).isEqualTo(fen(333));
        assertThat(fen(333).percent(0)).isEqualTo(Money.ZERO);
        assertThat(fen(199).percent(1)).isEqualTo(fen(1));
        // a 1% (100 bp) commission on ¥29.99 is 29.99 fen: 29
        assertThat(fen(2_999).basisPoints(100)).isEqualTo(fen(29));
        assertThat(fen(9_999).basisPoints(1)).isEqualTo(Money.ZERO);
        assertThat(fen(10_000).basisPoints(1)).isEqualTo(fen(1));
        assertThat(fen(3_000).basisPoints(10_000)).isEqualTo(fen(3_000));
    }

    @Test
    void sharesOfNegativeAmountsRoundTowardsZeroAsIntegerDivisionDoes() {
        assertThat(fen(-333).percent(50)).isEqualTo(fen(-166));
        assertThat(fen(-2_999).basisPoints(100)).isEqualTo(fen(-29));
    }

    @Test
    void aDiscountedFeeIsNotTheFeeLessARoundedDownDiscount() {
        Money fee = fen(333);
        assertThat(fee.percent(100 - 50)).isEqualTo(fen(166));
        assertThat(fee.minus(fee.percent(50))).isEqualTo(fen(167));
    }

    @Test
    void overflowThrowsInsteadOfWrapping() {
        Money most = fen(Long.MAX_VALUE);
        assertThatThrownBy(() -> most.plus(fen(1))).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> fen(Long.MIN_VALUE).minus(fen(1))).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> fen(Long.MAX_VALUE / 2 + 1).times(2)).isInstanceOf(ArithmeticException.class);
        // the share is taken exactly: amount × parts must fit, even when the result would
        assertThatThrownBy(() -> most.percent(50)).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> most.basisPoints(2)).isInstanceOf(ArithmeticException.class);
        assertThat(most.minus(fen(1)).plus(fen(1))).isEqualTo(most);
    }

    @Test
    void equalByAmount() {
        assertThat(fen(1_234)).isEqualTo(Money.ofFen(1_234)).hasSameHashCodeAs(Money.ofFen(1_234));
        assertThat(fen(1_234)).isNotEqualTo(fen(1_235));
        assertThat(fen(0)).isEqualTo(Money.ZERO);
        assertThat(fen(1_234).fen()).isEqualTo(1_234L);
    }

    @Test
    void orderedByAmount() {
        List<Money> amounts = new ArrayList<>(List.of(fen(500), fen(-20), Money.ZERO, fen(1_000_000), fen(499)));
        amounts.sort(null);
        assertThat(amounts).containsExactly(fen(-20), Money.ZERO, fen(499), fen(500), fen(1_000_000));
        assertThat(fen(1)).isGreaterThan(Money.ZERO);
        assertThat(fen(7).compareTo(fen(7))).isZero();
    }

    @Test
    void formatsAsYuanWithTwoDecimals() {
        assertThat(fen(1_234)).hasToString("¥12.34");
        assertThat(fen(5)).hasToString("¥0.05");
        assertThat(fen(50)).hasToString("¥0.50");
        assertThat(Money.ZERO).hasToString("¥0.00");
        assertThat(fen(10_000_000)).hasToString("¥100000.00");
        assertThat(fen(-5)).hasToString("-¥0.05");
        assertThat(fen(-1_234)).hasToString("-¥12.34");
        assertThat(fen(-100)).hasToString("-¥1.00");
        assertThat(fen(Long.MIN_VALUE)).hasToString("-¥92233720368547758.08");
    }
}
