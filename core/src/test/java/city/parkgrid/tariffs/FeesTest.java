package city.parkgrid.tariffs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import city.parkgrid.CityTime;
import city.parkgrid.InvalidInputException;
import city.parkgrid.money.Money;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The fee rule: hand-worked examples, then properties over thousands of random tariffs and stays. */
class FeesTest {

    /** ¥10 an hour by day (08:00–20:00), ¥5 by night, 15 minutes free, ¥60 a day at most, residents half. */
    private static final Tariff TYPICAL = new Tariff(
            15,
            60,
            Money.ofFen(1_000),
            Money.ofFen(500),
            LocalTime.of(8, 0),
            LocalTime.of(20, 0),
            Money.ofFen(6_000),
            50);

    /** Shanghai local time on 2026-11-27 (a Friday) + days. */
    private static Instant local(int day, int hour, int minute) {
        return LocalDateTime.of(2026, 11, 27 + day, hour, minute)
                .atZone(CityTime.SHANGHAI)
                .toInstant();
    }

    private static long fee(Instant in, Instant out) {
        return Fees.fee(TYPICAL, in, out, false).fen();
    }

    @Test
    void staysWithinTheFreeMinutesCostNothing() {
        assertThat(fee(local(0, 10, 0), local(0, 10, 10))).isZero();
        assertThat(fee(local(0, 10, 0), local(0, 10, 15))).isZero();
        assertThat(fee(local(0, 10, 0), local(0, 10, 16))).isEqualTo(1_000);
    }

    @Test
    void aPartialLastUnitCountsWhole() {
        assertThat(fee(local(0, 10, 0), local(0, 11, 0))).isEqualTo(1_000);
        assertThat(fee(local(0, 10, 0), local(0, 11, 1))).isEqualTo(2_000);
        assertThat(fee(local(0, 10, 0), local(0, 12, 30))).isEqualTo(3_000);
    }

    @Test
    void eachUnitCostsTheRateOfTheBandItStartsIn() {
        // units start 19:30 (day) and 20:30 (night)
        assertThat(fee(local(0, 19, 30), local(0, 21, 10))).isEqualTo(1_500);
        // units start 07:30 (night) and 08:30 (day)
        assertThat(fee(local(0, 7, 30), local(0, 9, 0))).isEqualTo(1_500);
        // a unit starting exactly at 20:00 is a night unit
        assertThat(fee(local(0, 20, 0), local(0, 20, 59))).isEqualTo(500);
    }

    @Test
    void acrossMidnightEachLocalDayIsCappedOnItsOwn() {
        // 23:00 on day 0 (night), 00:00, 01:00, 02:00 on day 1 (night)
        assertThat(fee(local(0, 23, 0), local(1, 2, 30))).isEqualTo(2_000);
        // 08:00–20:00 is twelve day units, ¥120, capped at ¥60
        assertThat(fee(local(0, 8, 0), local(0, 20, 0))).isEqualTo(6_000);
        // 48 hours from 08:00: day 0 has 16 units (capped ¥60), day 1 has 24 (capped ¥60), and
        // the last eight units start on day 2 between 00:00 and 07:00 (night, ¥40)
        assertThat(fee(local(0, 8, 0), local(2, 8, 0))).isEqualTo(6_000 + 6_000 + 4_000);
        // 16:00 to 10:00 next day: day 0 has 4 day + 4 night units = ¥60 (cap); day 1 has 8 night + 2 day = ¥60
        assertThat(fee(local(0, 16, 0), local(1, 10, 0))).isEqualTo(6_000 + 6_000);
        // 20:00 to 08:00: day 0 has 4 night units (¥20); day 1 has 8 night units (¥40)
        assertThat(fee(local(0, 20, 0), local(1, 8, 0))).isEqualTo(2_000 + 4_000);
    }

    @Test
    void residentsGetTheirDiscountRoundedDownToTheFen() {
        assertThat(Fees.fee(TYPICAL, local(0, 10, 0), local(0, 10, 30), true)).isEqualTo(Money.ofFen(500));
        Tariff odd = new Tariff(
                0,
                60,
                Money.ofFen(333),
                Money.ofFen(333),
                LocalTime.of(8, 0),
                LocalTime.of(20, 0),
                Money.ofFen(3_000),
                50);
        assertThat(Fees.fee(odd, local(0, 10, 0), local(0, 10, 30), true)).isEqualTo(Money.ofFen(166));
    }

    @Test
    void tariffsWithInvertedBandsOrCapsBelowOneUnitAreRefusedNamingTheField() {
        assertThatThrownBy(() -> new Tariff(
                        15,
                        60,
                        Money.ofFen(1_000),
                        Money.ofFen(500),
                        LocalTime.of(20, 0),
                        LocalTime.of(8, 0),
                        Money.ofFen(6_000),
                        0))
                .isInstanceOf(InvalidInputException.class)
                .extracting("field")
                .isEqualTo("nightStarts");
        assertThatThrownBy(() -> new Tariff(
                        15,
                        60,
                        Money.ofFen(1_000),
                        Money.ofFen(500),
                        LocalTime.of(8, 0),
                        LocalTime.of(20, 0),
                        Money.ofFen(999),
                        0))
                .isInstanceOf(InvalidInputException.class)
                .extracting("field")
                .isEqualTo("dailyCapFen");
        assertThatThrownBy(() -> new Tariff(
                        15,
                        0,
                        Money.ofFen(1_000),
                        Money.ofFen(500),
                        LocalTime.of(8, 0),
                        LocalTime.of(20, 0),
                        Money.ofFen(6_000),
                        0))
                .isInstanceOf(InvalidInputException.class)
                .extracting("field")
                .isEqualTo("unitMinutes");
        assertThatThrownBy(() -> new Tariff(
                        15,
                        60,
                        Money.ofFen(-1),
                        Money.ofFen(500),
                        LocalTime.of(8, 0),
                        LocalTime.of(20, 0),
                        Money.ofFen(6_000),
                        0))
                .isInstanceOf(InvalidInputException.class)
                .extracting("field")
                .isEqualTo("dayRateFen");
        assertThatThrownBy(() -> new Tariff(
                        15,
                        60,
                        Money.ofFen(1_000),
                        Money.ofFen(500),
                        LocalTime.of(8, 0),
                        LocalTime.of(20, 0),
                        Money.ofFen(6_000),
                        101))
                .isInstanceOf(InvalidInputException.class)
                .extracting("field")
                .isEqualTo("residentDiscountPercent");
    }

    static Tariff randomTariff(Random r) {
        int unit = 1 + r.nextInt(120);
        long day = r.nextInt(3_000);
        long night = r.nextInt(3_000);
        LocalTime dayStarts = LocalTime.of(r.nextInt(12), r.nextInt(60));
        LocalTime nightStarts = dayStarts.plusMinutes(1 + r.nextInt(12 * 60 - 1));
        long cap = Math.max(day, night) + r.nextInt(20_000);
        return new Tariff(
                r.nextInt(60),
                unit,
                Money.ofFen(day),
                Money.ofFen(night),
                dayStarts,
                nightStarts,
                Money.ofFen(cap),
                r.nextInt(101));
    }

    @Test
    void propertiesHoldForRandomTariffsAndStays() {
        Random r = new Random(20261129);
        for (int i = 0; i < 3_000; i++) {
            Tariff t = randomTariff(r);
            Instant in = local(0, 0, 0).plusSeconds(r.nextInt(7 * 24 * 3600));
            Duration stay = Duration.ofSeconds(r.nextInt(4 * 24 * 3600));
            Duration longer = stay.plusSeconds(1 + r.nextInt(6 * 3600));
            long fee = Fees.fee(t, in, in.plus(stay), false).fen();
            long feeLonger = Fees.fee(t, in, in.plus(longer), false).fen();
            assertThat(feeLonger)
                    .as("a longer stay never costs less: %s from %s", t, in)
                    .isGreaterThanOrEqualTo(fee);
            assertThat(fee).isNotNegative();

            long units = (longer.toSeconds() + t.unitMinutes() * 60L - 1) / (t.unitMinutes() * 60L);
            long lastUnitStart = (units - 1) * t.unitMinutes() * 60L;
            long localDays = in.plusSeconds(lastUnitStart)
                            .atZone(CityTime.SHANGHAI)
                            .toLocalDate()
                            .toEpochDay()
                    - in.atZone(CityTime.SHANGHAI).toLocalDate().toEpochDay()
                    + 1;
            assertThat(feeLonger)
                    .as("never above the daily cap on any local day")
                    .isLessThanOrEqualTo(t.dailyCap().fen() * localDays);
            assertThat(feeLonger)
                    .isLessThanOrEqualTo(
                            units * Math.max(t.dayRate().fen(), t.nightRate().fen()));

            long resident = Fees.fee(t, in, in.plus(longer), true).fen();
            assertThat(resident)
                    .isLessThanOrEqualTo(feeLonger)
                    .isEqualTo(feeLonger * (100 - t.residentDiscountPercent()) / 100);
            if (longer.compareTo(Duration.ofMinutes(t.freeMinutes())) <= 0) {
                assertThat(feeLonger).isZero();
            }
        }
    }
}
