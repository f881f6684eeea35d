package city.parkgrid.history;

import city.parkgrid.NotFoundException;
import city.parkgrid.lots.Lot;
import city.parkgrid.lots.LotCatalog;
import city.parkgrid.occupancy.LotStatus;
import city.parkgrid.zones.ZoneCatalog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What occupancy history answers: a lot's raw samples (what forecasters learn from), a lot's or a
 * unit's history in buckets, the changes of a lot's capacity and status, and the bureau's import
 * of a city's archive. Blocking (the store is PostgreSQL in {@code serve}); thread-safe.
 */
public final class OccupancyHistory {

    private final OccupancyHistoryStore store;
    private final LotCatalog lots;
    private final ZoneCatalog zones;
    private final HistorySettings settings;
    private final Clock clock;

    public OccupancyHistory(
            OccupancyHistoryStore store, LotCatalog lots, ZoneCatalog zones, HistorySettings settings, Clock clock) {
        this.store = store;
        this.lots = lots;
        this.zones = zones;
        this.settings = settings;
        this.clock = clock;
    }

    public HistorySettings settings() {
        return settings;
    }

    /**
     * The lot's raw samples with {@code from <= at < to}, oldest first: live ones on step
     * boundaries and imported ones at the archive's own times, at most one per instant. What a
     * forecaster consumes. Any lot id may be asked (an unknown one has none).
     */
    public List<OccupancySample> samples(String lotId, Instant from, Instant to) {
        return store.samples(lotId, from, to);
    }

    /** The lot's recorded capacity and status changes with {@code from <= at < to}, oldest first. */
    public List<LotChange> changes(String lotId, Instant from, Instant to) {
        return store.changes(lotId, from, to);
    }

    /**
     * The range a query asks for, defaults filled in and bounds checked ({@link HistoryRange#of});
     * null parameters take the defaults.
     */
    public HistoryRange range(Instant from, Instant to, Duration step) {
        return HistoryRange.of(from, to, step, clock.instant(), settings.step());
    }

    /** The lot's history in buckets; {@link NotFoundException} for a lot not in the catalog. */
    public LotHistory lotHistory(String lotId, HistoryRange range) {
        Lot lot = lots.findLot(lotId).orElseThrow(() -> new NotFoundException("lot", lotId));
        Accumulator buckets = new Accumulator(range);
        store.scan(List.of(lot.id()), range.from(), range.to(), buckets::add);
        List<LotHistory.Bucket> out = new ArrayList<>();
        for (int b = 0; b < buckets.count.length; b++) {
            if (buckets.count[b] > 0) {
                out.add(buckets.bucket(b));
            }
        }
        return new LotHistory(lot.id(), range, out);
    }

    /** The unit's totals in buckets, over the lots in it now; {@link NotFoundException} for an unknown unit. */
    public ZoneHistory zoneHistory(String zoneId, HistoryRange range) {
        zones.findZone(zoneId).orElseThrow(() -> new NotFoundException("zone", zoneId));
        List<String> members = lots.listLotsInZone(zoneId).stream().map(Lot::id).toList();
        int points = range.points();
        int[] lotCount = new int[points];
        double[] occupied = new double[points];
        double[] held = new double[points];
        long[] capacity = new long[points];
        // the scan hands the samples over lot by lot: a lot's buckets are added in once its samples end
        Accumulator[] current = {null};
        String[] currentLot = {null};
        Runnable addLot = () -> {
            Accumulator lot = current[0];
            if (lot == null) {
                return;
            }
            for (int b = 0; b < points; b++) {
                if (lot.count[b] > 0) {
                    lotCount[b]++;
                    occupied[b] += (double) lot.occupiedSum[b] / lot.count[b];
                    held[b] += (double) lot.heldSum[b] / lot.count[b];
                    capacity[b] += lot.capacity[b];
                }
            }
        };
        store.scan(members, range.from(), range.to(), sample -> {
            if (!sample.lotId().equals(currentLot[0])) {
                addLot.run();
                current[0] = new Accumulator(range);
                currentLot[0] = sample.lotId();
            }
            current[0].add(sample);
        });
        addLot.run();
        List<ZoneHistory.Bucket> out = new ArrayList<>();
        for (int b = 0; b < points; b++) {
            if (lotCount[b] > 0) {
                out.add(new ZoneHistory.Bucket(
                        range.bucketStart(b), lotCount[b], round2(occupied[b]), round2(held[b]), capacity[b]));
            }
        }
        return new ZoneHistory(zoneId, range, out);
    }

    /** What an import did. */
    public record ImportResult(int rows, int inserted, int unchanged) {}

    /**
     * Imports an archive ({@link ArchiveCsv}) all or nothing. Rows whose lot and time history
     * already holds are left as stored and counted {@code unchanged}, so sending the same file
     * again changes nothing.
     */
    public ImportResult importCsv(String csv) {
        ArchiveCsv.Parsed parsed = ArchiveCsv.parse(csv, lots, clock.instant(), settings.retention());
        int inserted = parsed.samples().isEmpty() ? 0 : store.importSamples(parsed.samples());
        return new ImportResult(parsed.rows(), inserted, parsed.rows() - inserted);
    }

    static double round2(double value) {
        return Math.round(value * 100.0) / 100.0;
    }

    /** One lot's samples summed per bucket; samples arrive oldest first. */
    private static final class Accumulator {
        private final HistoryRange range;
        final int[] count;
        final long[] occupiedSum;
        final long[] heldSum;
        final int[] min;
        final int[] max;
        final int[] capacity;
        final LotStatus[] status;

        Accumulator(HistoryRange range) {
            this.range = range;
            int points = range.points();
            count = new int[points];
            occupiedSum = new long[points];
            heldSum = new long[points];
            min = new int[points];
            max = new int[points];
            capacity = new int[points];
            status = new LotStatus[points];
        }

        void add(OccupancySample s) {
            int b = range.bucketOf(s.at());
            if (b < 0) {
                return;
            }
            if (count[b] == 0 || s.occupied() < min[b]) {
                min[b] = s.occupied();
            }
            if (count[b] == 0 || s.occupied() > max[b]) {
                max[b] = s.occupied();
            }
            count[b]++;
            occupiedSum[b] += s.occupied();
            heldSum[b] += s.held();
            capacity[b] = s.capacity();
            status[b] = s.status();
        }

        LotHistory.Bucket bucket(int b) {
            return new LotHistory.Bucket(
                    range.bucketStart(b),
                    count[b],
                    round2((double) occupiedSum[b] / count[b]),
                    min[b],
                    max[b],
                    round2((double) heldSum[b] / count[b]),
                    capacity[b],
                    status[b]);
        }
    }
}
