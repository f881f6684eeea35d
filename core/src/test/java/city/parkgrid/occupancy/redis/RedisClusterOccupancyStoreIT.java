package city.parkgrid.occupancy.redis;

import static org.assertj.core.api.Assertions.assertThat;

import city.parkgrid.occupancy.GateEvent;
import city.parkgrid.occupancy.GateEventType;
import city.parkgrid.occupancy.HoldIds;
import city.parkgrid.occupancy.HoldRequest;
import city.parkgrid.occupancy.HoldStatus;
import city.parkgrid.testing.TestServices.RedisTopology;
import io.lettuce.core.cluster.SlotHash;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The whole store contract of {@link RedisOccupancyStoreIT} against the Redis Cluster (three
 * masters, three replicas), where a script touching keys of two slots fails with CROSSSLOT, plus
 * what only a Cluster can show.
 */
class RedisClusterOccupancyStoreIT extends RedisOccupancyStoreIT {

    @Override
    protected RedisTopology topology() {
        return RedisTopology.CLUSTER;
    }

    /** The masters' slot ranges, from CLUSTER NODES: {@code [first, last]} pairs, one list per master. */
    private List<List<int[]>> masters() {
        List<List<int[]>> masters = new ArrayList<>();
        for (String line : redis().clusterNodes().split("\n")) {
            String[] f = line.strip().split(" ");
            if (f.length < 9 || !f[2].contains("master") || f[2].contains("fail")) {
                continue;
            }
            List<int[]> ranges = new ArrayList<>();
            for (int i = 8; i < f.length; i++) {
                if (f[i].startsWith("[")) {
                    continue; // a slot being migrated
                }
                String[] bounds = f[i].split("-");
                ranges.add(new int[] {Integer.parseInt(bounds[0]), Integer.parseInt(bounds[bounds.length - 1])});
            }
            masters.add(ranges);
        }
        return masters;
    }

    private int masterOf(List<List<int[]>> masters, String key) {
        int slot = SlotHash.getSlot(key);
        for (int m = 0; m < masters.size(); m++) {
            for (int[] range : masters.get(m)) {
                if (slot >= range[0] && slot <= range[1]) {
                    return m;
                }
            }
        }
        throw new IllegalStateException("no master serves slot " + slot);
    }

    @Test
    void lotsOnEveryMasterCountTheirEventsAndTheirHoldsAreListedAndEndedFromOneIndex() {
        List<List<int[]>> masters = masters();
        assertThat(masters).as("three masters").hasSize(3);
        Set<Integer> served = new HashSet<>();
        List<String> lots = new ArrayList<>();
        List<String> holds = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String lot = newLot(5);
            lots.add(lot);
            served.add(masterOf(masters, prefix + ":lot:{" + lot + "}:state"));
            join(store.applyGateEvents(
                    lot,
                    List.of(new GateEvent("e-" + i, GateEventType.ENTRY, "沪C" + (10000 + i), T0, null)),
                    T0.plus(Duration.ofMinutes(1))));
            String id = HoldIds.newId(lot);
            var granted = join(store.hold(
                    new HoldRequest(id, lot, "沪H" + (10000 + i), "d" + i, T0.plus(Duration.ofMinutes(5))),
                    T0.plus(Duration.ofMinutes(1))));
            assertThat(granted.hold()).isNotNull();
            holds.add(id);
        }
        assertThat(served).as("the test's lots sit on every master").hasSize(3);
        assertThat(join(store.listOccupancy(lots)).values()).hasSize(12).allSatisfy(o -> {
            assertThat(o.occupied()).isEqualTo(1);
            assertThat(o.held()).isEqualTo(1);
        });
        var due = T0.plus(Duration.ofMinutes(6));
        assertThat(join(store.listExpiredHolds(due, 100))).containsExactlyInAnyOrderElementsOf(holds);
        for (String id : holds) {
            assertThat(join(store.endHold(id, HoldStatus.EXPIRED, due))
                            .orElseThrow()
                            .status())
                    .isEqualTo(HoldStatus.EXPIRED);
        }
        assertThat(join(store.listExpiredHolds(due, 100))).isEmpty();
    }

    @Test
    void everyKeyOfALotHashesToTheLotsSlotWhateverItsIdEventIdsAndPlatesContain() {
        for (String lot : List.of("wanda-plaza", "a{b", "a}b", "{x}", "五角场-1")) {
            String base = prefix + ":lot:{" + lot + "}";
            int slot = SlotHash.getSlot(base + ":state");
            for (String suffix :
                    List.of(":holds", ":hold-records", ":plate-holds", ":ended-holds", ":event:{e}1", ":plate:沪A}1{")) {
                assertThat(SlotHash.getSlot(base + suffix)).as(lot + suffix).isEqualTo(slot);
            }
        }
    }
}
