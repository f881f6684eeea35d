package city.parkgrid.allocation;

import city.parkgrid.lots.Lot;
import city.parkgrid.money.Money;
import city.parkgrid.occupancy.LotOccupancy;

/**
 * A lot that could take the driver, with what the ranking needs to know about it.
 *
 * @param driveMetres road-distance proxy from the driver's position, or null when not given
 * @param fee the expected fee for the stay, or null when no tariff is known
 * @param arrival the lot as forecast for the driver's arrival, or null when not forecast
 * @param rate the lot's rate at the driver's arrival and its next change, or null when no tariff is known
 */
public record Candidate(
        Lot lot,
        LotOccupancy occupancy,
        double walkMetres,
        Double driveMetres,
        Money fee,
        ArrivalOutlook.Outlook arrival,
        LotRate rate) {

    public Candidate(Lot lot, LotOccupancy occupancy, double walkMetres, Double driveMetres, Money fee) {
        this(lot, occupancy, walkMetres, driveMetres, fee, null, null);
    }

    public Candidate withArrival(ArrivalOutlook.Outlook outlook) {
        return new Candidate(lot, occupancy, walkMetres, driveMetres, fee, outlook, rate);
    }

    public Candidate withPrice(Money stayFee, LotRate lotRate) {
        return new Candidate(lot, occupancy, walkMetres, driveMetres, stayFee, arrival, lotRate);
    }
}
