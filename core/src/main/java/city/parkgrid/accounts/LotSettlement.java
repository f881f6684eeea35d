package city.parkgrid.accounts;

/** What the platform owes an operator for one lot over one local day. */
public record LotSettlement(String lotId, int sessions, long feesFen, long commissionFen, long owedFen) {
}
