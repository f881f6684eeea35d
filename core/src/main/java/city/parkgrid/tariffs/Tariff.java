package city.parkgrid.tariffs;

import city.parkgrid.InvalidInputException;
import city.parkgrid.Times;
import city.parkgrid.money.Money;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;

/**
 * A lot's price list, set by its operator. Immutable.
 *
 * @param freeMinutes a stay of at most this long costs nothing
 * @param unitMinutes the stay is charged in units of this length from the entry time; a partial
 *     last unit counts whole
 * @param dayRate the price of a unit that starts in the day band ({@code dayStarts} inclusive to
 *     {@code nightStarts} exclusive, Asia/Shanghai local time)
 * @param nightRate the price of a unit that starts in the night band (the rest of the day)
 * @param dailyCap the most charged for the units starting on one local calendar day
 * @param residentDiscountPercent off the fee for residents of the lot's own community
 * @param bandRates rates of bands of the week (a zone pricing policy's), which win over the day
 *     and night rates for a unit starting within them; none overlap
 */
public record Tariff(
        int freeMinutes,
        int unitMinutes,
        Money dayRate,
        Money nightRate,
        LocalTime dayStarts,
        LocalTime nightStarts,
        Money dailyCap,
        int residentDiscountPercent,
        List<BandRate> bandRates) {

    public static final int DEFAULT_UNIT_MINUTES = 60;

    /** A tariff of day and night rates only. */
    public Tariff(
            int freeMinutes,
            int unitMinutes,
            Money dayRate,
            Money nightRate,
            LocalTime dayStarts,
            LocalTime nightStarts,
            Money dailyCap,
            int residentDiscountPercent) {
        this(
                freeMinutes,
                unitMinutes,
                dayRate,
                nightRate,
                dayStarts,
                nightStarts,
                dailyCap,
                residentDiscountPercent,
                List.of());
    }

    public Tariff {
        bandRates = bandRates == null ? List.of() : List.copyOf(bandRates);
        TimeBand.requireDisjoint("bandRates", bandRates, BandRate::band);
        if (freeMinutes < 0 || freeMinutes > 24 * 60) {
            throw new InvalidInputException("freeMinutes", "must be between 0 and 1440, was " + freeMinutes);
        }
        if (unitMinutes < 1 || unitMinutes > 24 * 60) {
            throw new InvalidInputException("unitMinutes", "must be between 1 and 1440, was " + unitMinutes);
        }
        if (dayRate.isNegative()) {
            throw new InvalidInputException("dayRateFen", "must not be negative, was " + dayRate.fen());
        }
        if (nightRate.isNegative()) {
            throw new InvalidInputException("nightRateFen", "must not be negative, was " + nightRate.fen());
        }
        if (dayStarts == null) {
            throw new InvalidInputException("dayStarts", "is required, e.g. \"08:00\"");
        }
        if (nightStarts == null) {
            throw new InvalidInputException("nightStarts", "is required, e.g. \"20:00\"");
        }
        Times.requireWholeSeconds("dayStarts", dayStarts);
        Times.requireWholeSeconds("nightStarts", nightStarts);
        if (!dayStarts.isBefore(nightStarts)) {
            throw new InvalidInputException(
                    "nightStarts",
                    "the day band must start before the night band (" + dayStarts + " is not before " + nightStarts
                            + ")");
        }
        if (dailyCap.compareTo(dayRate.max(nightRate)) < 0) {
            throw new InvalidInputException(
                    "dailyCapFen",
                    "must be at least the price of one unit ("
                            + dayRate.max(nightRate).fen() + " fen), was " + dailyCap.fen());
        }
        if (residentDiscountPercent < 0 || residentDiscountPercent > 100) {
            throw new InvalidInputException(
                    "residentDiscountPercent", "must be between 0 and 100, was " + residentDiscountPercent);
        }
    }

    /** The rate of a unit starting at this local date and time: its band's, else the day or night rate. */
    public Money rateAt(LocalDateTime local) {
        for (BandRate b : bandRates) {
            if (b.band().contains(local)) {
                return b.rate();
            }
        }
        return rateAt(local.toLocalTime());
    }

    /** The rate of a band of the week: the band's own, else the day or night rate at its start. */
    public Money rateOf(TimeBand band) {
        return bandRates.stream()
                .filter(b -> b.band().equals(band))
                .map(BandRate::rate)
                .findFirst()
                .orElse(rateAt(band.from()));
    }

    /** This tariff with these band rates instead of its own. */
    public Tariff withBandRates(List<BandRate> rates) {
        return new Tariff(
                freeMinutes,
                unitMinutes,
                dayRate,
                nightRate,
                dayStarts,
                nightStarts,
                dailyCap,
                residentDiscountPercent,
                rates);
    }

    /** The rate of a unit starting at this local time, by the day and night bands alone. */
    public Money rateAt(LocalTime localTime) {
        return !localTime.isBefore(dayStarts) && localTime.isBefore(nightStarts) ? dayRate : nightRate;
    }
}
