package city.parkgrid.tariffs;

import city.parkgrid.CityTime;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The fee rule, exactly (pure, thread-safe, integer fen, no floating point):
 * <ol>
 *   <li>a stay of at most {@code freeMinutes} costs 0;</li>
 *   <li>otherwise the stay is cut into units of {@code unitMinutes} from the entry time, the last
 *       one partial and counted whole;</li>
 *   <li>each unit costs the rate of the band (day or night) in which it starts, in Asia/Shanghai
 *       local time;</li>
 *   <li>the units starting on one local calendar day together cost at most {@code dailyCapFen};</li>
 *   <li>residents of the lot's own community get {@code residentDiscountPercent} off the total,
 *       rounding down.</li>
 * </ol>
 */
public final class Fees {

    /** Local rules (bands, calendar days) are Shanghai's. */

    private Fees() {
    }

    public static long fee(Tariff tariff, Instant entered, Instant exited, boolean resident) {
        if (exited.isBefore(entered)) {
            throw new IllegalArgumentException("exit " + exited + " before entry " + entered);
        }
        Duration stay = Duration.between(entered, exited);
        if (stay.compareTo(Duration.ofMinutes(tariff.freeMinutes())) <= 0) {
            return 0;
        }
        long unitSeconds = tariff.unitMinutes() * 60L;
        long units = (stay.getSeconds() + (stay.getNano() > 0 ? 1 : 0) + unitSeconds - 1) / unitSeconds;
        Map<LocalDate, Long> perDay = new LinkedHashMap<>();
        ZonedDateTime start = entered.atZone(CityTime.SHANGHAI);
        for (long k = 0; k < units; k++) {
            ZonedDateTime unitStart = start.plusSeconds(k * unitSeconds);
            perDay.merge(unitStart.toLocalDate(), tariff.rateAt(unitStart.toLocalTime()), Long::sum);
        }
        long total = perDay.values().stream().mapToLong(day -> Math.min(day, tariff.dailyCapFen())).sum();
        return resident ? total * (100 - tariff.residentDiscountPercent()) / 100 : total;
    }
}
