package city.parkgrid.forecast;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Synthetic occupancy series shaped like the Birmingham data: half-hourly readings from 08:00 to 16:30. */
final class Series {

    static final ZoneId LONDON = ZoneId.of("Europe/London");

    private Series() {}

    /**
     * A car park of the given capacity over {@code days} days from {@code first}: a weekday rise to a
     * midday peak and fall, lower at weekends, scaled by a day level that wanders (so a busy morning
     * means a busy day), plus reading noise; timestamps jitter by up to two minutes.
     */
    static List<Observation> carPark(LocalDate first, int days, int capacity, long seed, ZoneId zone) {
        Random random = new Random(seed);
        List<Observation> out = new ArrayList<>();
        double level = 1;
        for (int d = 0; d < days; d++) {
            LocalDate date = first.plusDays(d);
            level = 1 + 0.7 * (level - 1) + 0.08 * random.nextGaussian();
            boolean weekend = date.getDayOfWeek().getValue() >= 6;
            for (int slot = 0; slot <= 17; slot++) {
                LocalTime time = LocalTime.of(8, 0).plusMinutes(30L * slot).plusSeconds(random.nextInt(120));
                double hours = slot / 2.0;
                double shape = 0.15 + (weekend ? 0.45 : 0.7) * Math.sin(Math.PI * Math.min(hours, 8.5) / 9.5);
                double occupied = capacity * shape * level + 4 * random.nextGaussian();
                out.add(new Observation(
                        date.atTime(time).atZone(zone).toInstant(), (int) Math.round(occupied), capacity));
            }
        }
        return out;
    }

    static List<Observation> every(Instant from, Duration step, int count, int occupied, int capacity) {
        List<Observation> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(new Observation(from.plus(step.multipliedBy(i)), occupied, capacity));
        }
        return out;
    }
}
