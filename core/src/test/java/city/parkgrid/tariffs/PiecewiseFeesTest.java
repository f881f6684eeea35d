package city.parkgrid.tariffs;

import static org.assertj.core.api.Assertions.assertThat;

import city.parkgrid.CityTime;
import city.parkgrid.money.Money;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A stay across tariff changes, priced piece by piece: hand-worked examples, then properties over
 * random version sets and stays (the fee is the sum of the parts, the parts tile the stay, each is
 * priced by its own version alone).
 */
class PiecewiseFeesTest {

    private static Tariff hourly(long dayRateFen, int freeMinutes) {
        return new Tariff(
                freeMinutes,
                60,
                Money.ofFen(dayRateFen),
                Money.ofFen(500),
                LocalTime.of(8, 0),
                LocalTime.of(20, 0),
                Money.ofFen(20_000),
                50);
    }

    /** Shanghai local time on 2026-11-27 (a Friday) + days. */
    private static Instant local(int day, int hour, int minute) {
        return LocalDateTime.of(2026, 11, 27, hour, minute)
                .plusDays(day)
                .atZone(CityTime.SHANGHAI)
                .toInstant();
    }

    private static final TariffVersions TEN_THEN_FIFTEEN_AT_NOON = TariffVersions.of(List.of(
            new TariffVersion(TariffVersion.FROM_THE_START, hourly(1_000, 15)),
            new TariffVersion(local(0, 12, 0), hourly(1_500, 15))));

    @Test
    void theUnitsBeforeAChangeArePricedByTheOldVersionAndTheRestByTheNew() {
        PricedStay stay = Fees.price(TEN_THEN_FIFTEEN_AT_NOON, local(0, 10, 0), local(0, 14, 0), false);
        assertThat(stay.fee()).isEqualTo(Money.ofFen(2 * 1_000 + 2 * 1_500));
        assertThat(stay.parts())
                .extracting(PricedStay.Part::units, PricedStay.Part::fee)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(2L, Money.ofFen(2_000)),
                        org.assertj.core.groups.Tuple.tuple(2L, Money.ofFen(3_000)));
        assertThat(stay.parts().get(1).from()).isEqualTo(local(0, 12, 0));
    }

    @Test
    void aUnitThatStartsBeforeTheChangeIsPricedWhollyByTheOldVersion() {
        // units start 10:30, 11:30 (old, runs past noon) and 12:30 (new)
        assertThat(Fees.fee(TEN_THEN_FIFTEEN_AT_NOON, local(0, 10, 30), local(0, 13, 0), false))
                .isEqualTo(Money.ofFen(1_000 + 1_000 + 1_500));
    }

    @Test
    void aStayBeforeTheChangeIsPricedAsBeforeAndTheFreeMinutesAreTheEntrysVersions() {
        assertThat(Fees.fee(TEN_THEN_FIFTEEN_AT_NOON, local(0, 9, 0), local(0, 11, 0), false))
                .isEqualTo(Fees.fee(hourly(1_000, 15), local(0, 9, 0), local(0, 11, 0), false));
        TariffVersions freeLonger = TariffVersions.of(List.of(
                new TariffVersion(TariffVersion.FROM_THE_START, hourly(1_000, 30)),
                new TariffVersion(local(0, 12, 0), hourly(1_500, 0))));
        assertThat(Fees.fee(freeLonger, local(0, 11, 50), local(0, 12, 20), false))
                .isEqualTo(Money.ZERO);
    }

    @Test
    void timeBeforeTheLotsFirstVersionIsFree() {
        TariffVersions fromNoon = TariffVersions.of(List.of(new TariffVersion(local(0, 12, 0), hourly(1_000, 0))));
        PricedStay stay = Fees.price(fromNoon, local(0, 10, 0), local(0, 13, 30), false);
        assertThat(stay.fee()).isEqualTo(Money.ofFen(2_000));
        assertThat(stay.parts().get(0).effectiveFrom()).isNull();
        assertThat(stay.parts().get(0).fee()).isEqualTo(Money.ZERO);
        assertThat(Fees.fee(TariffVersions.none(), local(0, 10, 0), local(0, 13, 30), false))
                .isEqualTo(Money.ZERO);
    }

    private static TariffVersions randomVersions(Random r) {
        List<TariffVersion> versions = new ArrayList<>();
        if (r.nextBoolean()) {
            versions.add(new TariffVersion(TariffVersion.FROM_THE_START, FeesTest.randomTariff(r)));
        }
        int later = r.nextInt(5);
        for (int i = 0; i < later; i++) {
            versions.add(
                    new TariffVersion(local(0, 0, 0).plusSeconds(r.nextInt(8 * 24 * 3600)), FeesTest.randomTariff(r)));
        }
        return TariffVersions.of(versions);
    }

    private static Tariff withoutFreeMinutes(Tariff t) {
        return new Tariff(
                0,
                t.unitMinutes(),
                t.dayRate(),
                t.nightRate(),
                t.dayStarts(),
                t.nightStarts(),
                t.dailyCap(),
                t.residentDiscountPercent());
    }

    @Test
    void theFeeOfAStayIsTheSumOfItsPartsAndThePartsTileTheStayEachPricedByItsOwnVersion() {
        Random r = new Random(20261202);
        for (int i = 0; i < 3_000; i++) {
            TariffVersions versions = randomVersions(r);
            Instant in = local(0, 0, 0).plusSeconds(r.nextInt(7 * 24 * 3600));
            Instant out = in.plusSeconds(r.nextInt(3 * 24 * 3600));
            boolean resident = r.nextBoolean();
            PricedStay stay = Fees.price(versions, in, out, resident);
            String as = versions + " from " + in + " to " + out;

            assertThat(stay.fee())
                    .as("the sum of the parts: %s", as)
                    .isEqualTo(stay.parts().stream().map(PricedStay.Part::fee).reduce(Money.ZERO, Money::plus));
            assertThat(stay.parts()).as(as).isNotEmpty();
            assertThat(stay.parts().get(0).from()).as(as).isEqualTo(in);
            assertThat(stay.parts().get(stay.parts().size() - 1).to()).as(as).isEqualTo(out);
            for (int k = 0; k + 1 < stay.parts().size(); k++) {
                assertThat(stay.parts().get(k).to())
                        .as("no gap, no overlap: %s", as)
                        .isEqualTo(stay.parts().get(k + 1).from());
                assertThat(stay.parts().get(k).effectiveFrom())
                        .as("one part per version: %s", as)
                        .isNotEqualTo(stay.parts().get(k + 1).effectiveFrom());
            }
            boolean free = stay.parts().size() == 1 && stay.parts().get(0).units() == 0;
            for (PricedStay.Part part : stay.parts()) {
                assertThat(part.effectiveFrom())
                        .as("priced by the version in force when it starts: %s", as)
                        .isEqualTo(versions.findInForce(part.from())
                                .map(TariffVersion::effectiveFrom)
                                .orElse(null));
                if (part.effectiveFrom() == null || free) {
                    assertThat(part.fee()).isEqualTo(Money.ZERO);
                    continue;
                }
                Tariff t = versions.findTariff(part.from()).orElseThrow();
                long unitSeconds = t.unitMinutes() * 60L;
                long seconds = Duration.between(part.from(), part.to()).toSeconds();
                assertThat(part.units())
                        .as("its units fill it, the last one maybe partial: %s", as)
                        .isEqualTo((seconds + unitSeconds - 1) / unitSeconds);
                assertThat(part.fee())
                        .as("a part costs what its version alone charges for it: %s", as)
                        .isEqualTo(Fees.fee(withoutFreeMinutes(t), part.from(), part.to(), resident));
            }
            assertThat(Fees.fee(
                            versions.with(new TariffVersion(out.plusSeconds(1), FeesTest.randomTariff(r))),
                            in,
                            out,
                            resident))
                    .as("a version taking effect after the exit changes nothing: %s", as)
                    .isEqualTo(stay.fee());
        }
    }

    /** The rule before tariffs had versions, written out on its own: the oracle for one version. */
    private static long singleTariffFee(Tariff tariff, Instant entered, Instant exited, boolean resident) {
        Duration stay = Duration.between(entered, exited);
        if (stay.compareTo(Duration.ofMinutes(tariff.freeMinutes())) <= 0) {
            return 0;
        }
        long unitSeconds = tariff.unitMinutes() * 60L;
        long units = (stay.getSeconds() + unitSeconds - 1) / unitSeconds;
        Map<LocalDate, Long> perDay = new LinkedHashMap<>();
        ZonedDateTime start = entered.atZone(CityTime.SHANGHAI);
        for (long k = 0; k < units; k++) {
            ZonedDateTime unitStart = start.plusSeconds(k * unitSeconds);
            perDay.merge(
                    unitStart.toLocalDate(),
                    tariff.rateAt(unitStart.toLocalTime()).fen(),
                    Long::sum);
        }
        long total = perDay.values().stream()
                .mapToLong(day -> Math.min(day, tariff.dailyCap().fen()))
                .sum();
        return resident ? total * (100 - tariff.residentDiscountPercent()) / 100 : total;
    }

    @Test
    void withOneVersionEveryStayCostsExactlyWhatItDidBeforeVersions() {
        Random r = new Random(20261203);
        for (int i = 0; i < 3_000; i++) {
            Tariff t = FeesTest.randomTariff(r);
            Instant in = local(0, 0, 0).plusSeconds(r.nextInt(7 * 24 * 3600));
            Instant out = in.plusSeconds(r.nextInt(4 * 24 * 3600));
            boolean resident = r.nextBoolean();
            assertThat(Fees.fee(TariffVersions.of(t), in, out, resident).fen())
                    .as("%s from %s to %s", t, in, out)
                    .isEqualTo(singleTariffFee(t, in, out, resident));
        }
    }
}
