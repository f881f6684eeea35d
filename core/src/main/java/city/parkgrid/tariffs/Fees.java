package city.parkgrid.tariffs;

import city.parkgrid.CityTime;
import city.parkgrid.money.Money;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The fee rule, exactly (pure, thread-safe, whole fen, no floating point):
 * <ol>
 *   <li>a stay of at most the {@code freeMinutes} of the version in force at entry costs 0;</li>
 *   <li>otherwise the stay is cut into units from the entry time, each as long as the
 *       {@code unitMinutes} of the version in force when it starts, the last one partial and
 *       counted whole;</li>
 *   <li>each unit is priced by the version in force when it starts, at the rate of the band (a
 *       band of the week the version prices, else day or night) in which it starts, in Asia/Shanghai local time (time before the lot's first
 *       version is free);</li>
 *   <li>the units of one version form a part; within a part, the units starting on one local
 *       calendar day together cost at most its {@code dailyCap};</li>
 *   <li>residents of the lot's own community get the part's {@code residentDiscountPercent} off
 *       the part, rounding down;</li>
 *   <li>the fee is the sum of the parts.</li>
 * </ol>
 * With one version this is the rule before tariffs had versions, to the fen.
 */
public final class Fees {

    /** Local rules (bands, calendar days) are Shanghai's. */
    private Fees() {}

    public static Money fee(Tariff tariff, Instant entered, Instant exited, boolean resident) {
        return fee(TariffVersions.of(tariff), entered, exited, resident);
    }

    public static Money fee(TariffVersions versions, Instant entered, Instant exited, boolean resident) {
        return price(versions, entered, exited, resident).fee();
    }

    public static PricedStay price(TariffVersions versions, Instant entered, Instant exited, boolean resident) {
        if (exited.isBefore(entered)) {
            throw new IllegalArgumentException("exit " + exited + " before entry " + entered);
        }
        Optional<TariffVersion> atEntry = versions.findInForce(entered);
        if (versions.isEmpty()
                || atEntry.isPresent()
                        && Duration.between(entered, exited)
                                        .compareTo(Duration.ofMinutes(
                                                atEntry.get().tariff().freeMinutes()))
                                <= 0) {
            return new PricedStay(
                    Money.ZERO,
                    List.of(new PricedStay.Part(
                            atEntry.map(TariffVersion::effectiveFrom).orElse(null), entered, exited, 0, Money.ZERO)));
        }
        List<PricedStay.Part> parts = new ArrayList<>();
        Instant t = entered;
        Piece piece = null;
        while (t.isBefore(exited)) {
            Optional<TariffVersion> inForce = versions.findInForce(t);
            if (inForce.isEmpty()) {
                // before the lot's first version: free, up to the moment it takes effect
                Instant until = min(versions.list().get(0).effectiveFrom(), exited);
                parts.add(new PricedStay.Part(null, t, until, 0, Money.ZERO));
                t = until;
                continue;
            }
            TariffVersion v = inForce.get();
            if (piece == null || piece.version != v) {
                if (piece != null) {
                    parts.add(piece.part(t, resident));
                }
                piece = new Piece(v, t);
            }
            ZonedDateTime unitStart = t.atZone(CityTime.SHANGHAI);
            piece.units++;
            piece.perDay.merge(unitStart.toLocalDate(), v.tariff().rateAt(unitStart.toLocalDateTime()), Money::plus);
            t = t.plusSeconds(v.tariff().unitMinutes() * 60L);
        }
        if (piece != null) {
            parts.add(piece.part(exited, resident));
        }
        Money total = parts.stream().map(PricedStay.Part::fee).reduce(Money.ZERO, Money::plus);
        return new PricedStay(total, parts);
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    /** The units of one version being added up. */
    private static final class Piece {
        final TariffVersion version;
        final Instant from;
        final Map<LocalDate, Money> perDay = new LinkedHashMap<>();
        long units;

        Piece(TariffVersion version, Instant from) {
            this.version = version;
            this.from = from;
        }

        PricedStay.Part part(Instant to, boolean resident) {
            Tariff tariff = version.tariff();
            Money total = perDay.values().stream()
                    .map(day -> day.min(tariff.dailyCap()))
                    .reduce(Money.ZERO, Money::plus);
            // the fee rounds down, so the discount rounds up: not total.minus(total.percent(discount))
            Money fee = resident ? total.percent(100 - tariff.residentDiscountPercent()) : total;
            return new PricedStay.Part(version.effectiveFrom(), from, to, units, fee);
        }
    }
}
