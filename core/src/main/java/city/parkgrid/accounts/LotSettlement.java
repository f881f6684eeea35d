package city.parkgrid.accounts;

import city.parkgrid.money.Money;

/** What the platform owes an operator for one lot over one local day. */
public record LotSettlement(String lotId, int sessions, Money fees, Money commission, Money owed) {}
