package city.parkgrid.occupancy.redis;

import static org.assertj.core.api.Assertions.assertThat;

import city.parkgrid.occupancy.GateEvent;
import city.parkgrid.occupancy.GateEventType;
import city.parkgrid.occupancy.OccupancySettings;
import city.parkgrid.occupancy.OccupancyStore;
import city.parkgrid.testing.TestServices;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What remembering event ids costs in Redis, measured with Redis's own MEMORY USAGE: gate events
 * of a week received over seven days by a number of lots, every one of them still in the window,
 * against the bound of 40 bytes per event (issue 19). The per-event keys of the earlier script
 * are measured beside them. {@code -Dparkgrid.dedupe.events=1000000 -Dparkgrid.dedupe.lots=200}
 * gives the figures in docs/PERFORMANCE.md; the suite runs a smaller week.
 */
class SeenEventsMemoryIT {

    private static final int EVENTS = Integer.getInteger("parkgrid.dedupe.events", 140_000);
    private static final int LOTS = Integer.getInteger("parkgrid.dedupe.lots", 200);
    private static final int LEGACY_SAMPLE = 2_000;
    private static final Instant WEEK = Instant.parse("2026-11-23T00:00:00Z");

    @Test
    @Timeout(300)
    void aWeekOfEventIdsCostsAtMostFortyBytesAnEvent() {
        String prefix = TestServices.uniquePrefix();
        RedisClusterCommands<String, String> redis = TestServices.redis().sync();
        try {
            OccupancyStore store = new RedisOccupancyStore(TestServices.redis(), prefix, OccupancySettings.DEFAULTS);
            for (int lot = 0; lot < LOTS; lot++) {
                store.registerLot("lot-" + lot, 1_000, WEEK)
                        .toCompletableFuture()
                        .join();
            }
            int perLotDay = EVENTS / (LOTS * 7);
            long started = System.nanoTime();
            int sent = 0;
            for (int day = 0; day < 7; day++) {
                List<CompletableFuture<?>> pending = new ArrayList<>();
                for (int lot = 0; lot < LOTS; lot++) {
                    Instant now = WEEK.plus(Duration.ofDays(day)).plus(Duration.ofHours(12));
                    List<GateEvent> batch = new ArrayList<>();
                    for (int i = 0; i < perLotDay; i++) {
                        batch.add(new GateEvent(
                                "gate-7-" + day + "-" + lot + "-" + i + "-2026112" + day,
                                i % 2 == 0 ? GateEventType.ENTRY : GateEventType.EXIT,
                                "沪A" + (10_000 + (i / 2) % 50),
                                now.minusSeconds(60),
                                null));
                        if (batch.size() == 1_000 || i == perLotDay - 1) {
                            pending.add(store.applyGateEvents("lot-" + lot, batch, now)
                                    .toCompletableFuture());
                            sent += batch.size();
                            batch = new ArrayList<>();
                        }
                    }
                }
                pending.forEach(CompletableFuture::join);
            }
            long seconds = (System.nanoTime() - started) / 1_000_000_000;
            long seenBytes = 0;
            long seenKeys = 0;
            ScanCursor cursor = ScanCursor.INITIAL;
            do {
                KeyScanCursor<String> page = redis.scan(
                        cursor,
                        ScanArgs.Builder.matches(prefix + ":lot:*:seen:*").limit(1_000));
                for (String key : page.getKeys()) {
                    seenBytes += redis.memoryUsage(key);
                    seenKeys++;
                }
                cursor = page;
            } while (!cursor.isFinished());
            long legacyBytes = 0;
            long window = OccupancySettings.DEFAULTS
                    .dedupeWindow()
                    .plus(OccupancySettings.DEFAULTS.maxClockSkew())
                    .toMillis();
            for (int i = 0; i < LEGACY_SAMPLE; i++) {
                String key = prefix + ":lot:{lot-" + (i % LOTS) + "}:event:gate-7-legacy-" + i + "-20261123";
                redis.psetex(key, window, Long.toString(WEEK.toEpochMilli() + window));
                legacyBytes += redis.memoryUsage(key);
            }
            double perEvent = (double) seenBytes / sent;
            System.out.printf(
                    "SeenEventsMemoryIT: %d events, %d lots (%d a lot a day), %d daily sets, %d bytes: %.1f bytes an event;"
                            + " the earlier per-event keys: %.1f bytes an event (MEMORY USAGE, %d sampled); sent in %d s%n",
                    sent,
                    LOTS,
                    perLotDay,
                    seenKeys,
                    seenBytes,
                    perEvent,
                    (double) legacyBytes / LEGACY_SAMPLE,
                    LEGACY_SAMPLE,
                    seconds);
            assertThat(sent).isEqualTo(perLotDay * LOTS * 7);
            assertThat(perEvent).as("bytes an event in the window").isLessThanOrEqualTo(40.0);
        } finally {
            TestServices.deleteKeys(prefix);
        }
    }
}
