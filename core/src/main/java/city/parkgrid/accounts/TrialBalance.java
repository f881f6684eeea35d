package city.parkgrid.accounts;

import city.parkgrid.money.Money;

/** The sums of every debit and every credit in the ledger; they are equal, always. */
public record TrialBalance(Money debits, Money credits, long transactions) {

    public boolean balanced() {
        return debits.equals(credits);
    }
}
