package city.parkgrid.accounts;

import city.parkgrid.money.Money;
import java.time.Instant;

/**
 * One line of the double-entry ledger. Every transaction's lines balance: the sum of its debits
 * equals the sum of its credits. Exactly one of debit and credit is positive.
 *
 * @param transaction groups the lines written together
 * @param ledgerAccount e.g. {@code driver:<accountId>}, see {@link Ledger}
 * @param reference what caused it (a session id, a top-up key)
 */
public record LedgerEntry(
        String transaction, String ledgerAccount, Money debit, Money credit, Instant at, String reference) {}
