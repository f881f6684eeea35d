package city.parkgrid.money;

/**
 * An amount of renminbi in whole fen (¥1 = 100 fen): prices, fees, balances and ledger lines.
 * Immutable; equal by amount. Arithmetic is exact — an overflow throws {@link ArithmeticException}
 * instead of wrapping round to a wrong amount — and the one place a fraction of a fen arises, a
 * share of an amount, rounds one way for every rule that takes one (see {@link #percent}).
 */
public record Money(long fen) implements Comparable<Money> {

    public static final Money ZERO = new Money(0);

    public static Money ofFen(long fen) {
        return new Money(fen);
    }

    public Money plus(Money other) {
        return new Money(Math.addExact(fen, other.fen));
    }

    public Money minus(Money other) {
        return new Money(Math.subtractExact(fen, other.fen));
    }

    public Money times(long factor) {
        return new Money(Math.multiplyExact(fen, factor));
    }

    public Money min(Money other) {
        return compareTo(other) <= 0 ? this : other;
    }

    public Money max(Money other) {
        return compareTo(other) >= 0 ? this : other;
    }

    public boolean isZero() {
        return fen == 0;
    }

    public boolean isPositive() {
        return fen > 0;
    }

    public boolean isNegative() {
        return fen < 0;
    }

    /**
     * This many hundredths of the amount, the fraction of a fen dropped: rounded down for the
     * non-negative amounts fees are (towards zero, as integer division does). A resident's
     * discounted fee is {@code percent(100 - discount)}, so it is the fee that rounds down (the
     * discount rounds up), not {@code minus(percent(discount))}.
     */
    public Money percent(int percent) {
        return share(percent, 100);
    }

    /** This many ten-thousandths of the amount (a commission), rounded as {@link #percent} rounds. */
    public Money basisPoints(int basisPoints) {
        return share(basisPoints, 10_000);
    }

    private Money share(long parts, long whole) {
        return new Money(Math.multiplyExact(fen, parts) / whole);
    }

    @Override
    public int compareTo(Money other) {
        return Long.compare(fen, other.fen);
    }

    /** For people (logs, messages), e.g. {@code ¥12.34}, {@code -¥0.05}; the wire carries {@link #fen}. */
    @Override
    public String toString() {
        long cents = Math.abs(fen % 100);
        return (fen < 0 ? "-¥" : "¥") + Math.abs(fen / 100) + (cents < 10 ? ".0" : ".") + cents;
    }
}
