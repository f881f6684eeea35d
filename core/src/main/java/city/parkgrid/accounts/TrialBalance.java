package city.parkgrid.accounts;

/** The sums of every debit and every credit in the ledger; they are equal, always. */
public record TrialBalance(long debitsFen, long creditsFen, long transactions) {

    public boolean balanced() {
        return debitsFen == creditsFen;
    }
}
