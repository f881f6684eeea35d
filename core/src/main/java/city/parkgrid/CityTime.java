package city.parkgrid;

import java.time.ZoneId;

/** The city's local time, in which tariff bands, schedules and days are reckoned; the wire is UTC. */
public final class CityTime {

    public static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    private CityTime() {}
}
