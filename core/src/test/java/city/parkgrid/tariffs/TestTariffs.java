package city.parkgrid.tariffs;

import city.parkgrid.money.Money;
import java.time.LocalTime;

/** Tariffs for tests. */
public final class TestTariffs {

    private TestTariffs() {}

    /** The same rate for every hour, day or night, no free minutes, capped at a day of it. */
    public static Tariff hourly(long fen) {
        return new Tariff(
                0,
                60,
                Money.ofFen(fen),
                Money.ofFen(fen),
                LocalTime.of(8, 0),
                LocalTime.of(20, 0),
                Money.ofFen(fen * 24),
                0);
    }
}
