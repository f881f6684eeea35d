package city.parkgrid.accounts;

import city.parkgrid.money.Money;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * What each money movement writes to the double-entry ledger. Pure; thread-safe. The ledger's
 * accounts:
 * <ul>
 *   <li>{@code driver:<id>} — the driver's prepaid balance (owed to the driver);</li>
 *   <li>{@code receivable:<id>} — fees the driver owes (in arrears, or awaiting the payer);</li>
 *   <li>{@code operator:<id>} — what the platform owes a lot operator;</li>
 *   <li>{@code platform:revenue} — the platform's commission;</li>
 *   <li>{@code bank} — money received for top-ups;</li>
 *   <li>{@code payer:<ETC|ALIPAY|WECHAT>} — owed to the platform by a linked payer.</li>
 * </ul>
 * A driver account's balance is the sum of credits minus debits on {@code driver:<id>}.
 */
public final class Ledger {

    public static final String PLATFORM_REVENUE = "platform:revenue";
    public static final String BANK = "bank";

    private Ledger() {}

    public static String driver(String accountId) {
        return "driver:" + accountId;
    }

    public static String receivable(String accountId) {
        return "receivable:" + accountId;
    }

    public static String operator(String operatorId) {
        return "operator:" + operatorId;
    }

    public static String payer(PaymentMethod.Provider provider) {
        return "payer:" + provider;
    }

    /** The platform's commission on a fee, in basis points, rounded down. */
    public static Money commission(Money fee, int commissionBasisPoints) {
        return fee.basisPoints(commissionBasisPoints);
    }

    /** A fee becomes due at exit: the driver owes it, the operator and the platform are owed it. */
    public static List<LedgerEntry> feeDue(ParkingSession session, Money fee, int commissionBasisPoints, Instant at) {
        Money commission = commission(fee, commissionBasisPoints);
        Builder b = new Builder(at, session.id());
        b.debit(receivable(session.accountId()), fee);
        b.credit(operator(session.operatorId()), fee.minus(commission));
        b.credit(PLATFORM_REVENUE, commission);
        return b.entries();
    }

    /** Prepaid money pays (part of) what the driver owes. */
    public static List<LedgerEntry> paidFromBalance(String accountId, Money amount, String reference, Instant at) {
        return new Builder(at, reference)
                .debit(driver(accountId), amount)
                .credit(receivable(accountId), amount)
                .entries();
    }

    /** A linked payer paid what the driver owed. */
    public static List<LedgerEntry> paidByPayer(
            String accountId, PaymentMethod.Provider provider, Money amount, String reference, Instant at) {
        return new Builder(at, reference)
                .debit(payer(provider), amount)
                .credit(receivable(accountId), amount)
                .entries();
    }

    /** A top-up recovers arrears first, and the rest becomes balance. */
    public static List<LedgerEntry> topUp(
            String accountId, Money amount, Money recoveredArrears, String reference, Instant at) {
        return new Builder(at, reference)
                .debit(BANK, amount)
                .credit(receivable(accountId), recoveredArrears)
                .credit(driver(accountId), amount.minus(recoveredArrears))
                .entries();
    }

    /** Collects one transaction's lines, leaving out zero amounts. */
    private static final class Builder {
        private final String transaction = UUID.randomUUID().toString();
        private final Instant at;
        private final String reference;
        private final List<LedgerEntry> entries = new ArrayList<>();

        Builder(Instant at, String reference) {
            this.at = at;
            this.reference = reference;
        }

        Builder debit(String account, Money amount) {
            if (amount.isPositive()) {
                entries.add(new LedgerEntry(transaction, account, amount, Money.ZERO, at, reference));
            }
            return this;
        }

        Builder credit(String account, Money amount) {
            if (amount.isPositive()) {
                entries.add(new LedgerEntry(transaction, account, Money.ZERO, amount, at, reference));
            }
            return this;
        }

        List<LedgerEntry> entries() {
            Money debits = entries.stream().map(LedgerEntry::debit).reduce(Money.ZERO, Money::plus);
            Money credits = entries.stream().map(LedgerEntry::credit).reduce(Money.ZERO, Money::plus);
            if (!debits.equals(credits)) {
                throw new IllegalStateException("unbalanced ledger transaction: " + entries);
            }
            return List.copyOf(entries);
        }
    }
}
