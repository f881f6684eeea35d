package city.parkgrid.tariffs;

import city.parkgrid.CityTime;
import city.parkgrid.money.Money;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The fee rule, exactly (pure, thread-safe, whole fen, no floating point):
 * <ol>
 *   <li>a stay of at most {@code freeMinutes} costs 0;</li>
 *   <li>otherwise the stay is cut into units of {@code unitMinutes} from the entry time, the last
 *       one partial and counted whole;</li>
 *   <li>each unit costs the rate of the band (day or night) in which it starts, in Asia/Shanghai
 *       local time;</li>
 *   <li>the units starting on one local calendar day together cost at most {@code dailyCap};</li>
 *   <li>residents of the lot's own community get {@code residentDiscountPercent} off the total,
 *       rounding down.</li>
 * </ol>
 */
public final class Fees {

    /** Local rules (bands, calendar days) are Shanghai's. */
    private Fees() {}

    public static Money fee(Tariff tariff, Instant entered, Instant exited, boolean resident) {
        if (exited.isBefore(entered)) {
            throw new IllegalArgumentException("exit " + exited + " before entry " + entered);
        }
        Duration stay = Duration.between(entered, exited);
        if (stay.compareTo(Duration.ofMinutes(tariff.freeMinutes())) <= 0) {
            return Money.ZERO;
        }
        long unitSeconds = tariff.unitMinutes() * 60L;
        long units = (stay.getSeconds() + (stay.getNano() > 0 ? 1 : 0) + unitSeconds - 1) / unitSeconds;
        Map<LocalDate, Money> perDay = new LinkedHashMap<>();
        ZonedDateTime start = entered.atZone(CityTime.SHANGHAI);
        for (long k = 0; k < units; k++) {
            ZonedDateTime unitStart = start.plusSeconds(k * unitSeconds);
            perDay.merge(unitStart.toLocalDate(), tariff.rateAt(unitStart.toLocalTime()), Money::plus);
        }
        Money total =
                perDay.values().stream().map(day -> day.min(tariff.dailyCap())).reduce(Money.ZERO, Money::plus);
        // the fee rounds down, so the discount rounds up: not total.minus(total.percent(discount))
        return resident ? total.percent(100 - tariff.residentDiscountPercent()) : total;
    }
}
