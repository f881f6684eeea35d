package city.parkgrid.api.lots;

import static org.assertj.core.api.Assertions.assertThat;

import city.parkgrid.catalog.Geography;
import city.parkgrid.dataset.GeoJsonDataSetReader;
import city.parkgrid.lots.Lot;
import city.parkgrid.lots.NearbyLot;
import city.parkgrid.occupancy.LotOccupancy;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The spliced lot answers are byte for byte what LotJson encodes, and their ETags follow what they hold. */
class LotAnswersTest {

    private static final Instant AT = Instant.parse("2026-12-03T06:00:00Z");

    private final Geography geography = new Geography(GeoJsonDataSetReader.wujiaochang());
    private final LotAnswers answers = new LotAnswers();

    private static LotOccupancy state(Lot lot, int occupied, long version) {
        return new LotOccupancy(lot.id(), lot.capacity(), occupied, 2, 0, false, AT, AT.plusSeconds(version), version);
    }

    /** The answer as the handlers built it before: a JsonObject tree, encoded. */
    private static String asBefore(List<NearbyLot> found, Map<String, LotOccupancy> states) {
        JsonArray array = new JsonArray();
        for (NearbyLot n : found) {
            JsonObject json = LotJson.lot(n.lot(), states.get(n.lot().id()));
            if (!Double.isNaN(n.distanceMetres())) {
                json.put("distanceMeters", Math.round(n.distanceMetres()));
            }
            array.add(json);
        }
        return new JsonObject().put("lots", array).encode();
    }

    @Test
    void aListIsByteForByteTheJsonItWasWithAndWithoutDistancesAndWithUnknownStates() {
        List<NearbyLot> near = geography.findLotsNear(
                geography.findLot("wanda-plaza").orElseThrow().entrance(), 800);
        assertThat(near).hasSizeGreaterThan(3);
        Map<String, LotOccupancy> states = new HashMap<>();
        for (int i = 1; i < near.size(); i++) {
            // the first lot's state is unknown (lost with Redis)
            states.put(near.get(i).lot().id(), state(near.get(i).lot(), 10 * i, i));
        }
        assertThat(answers.list(near, states).body().get().toString()).isEqualTo(asBefore(near, states));
        List<NearbyLot> zone = geography.listLotsInZone("wujiaochang").stream()
                .map(l -> new NearbyLot(l, Double.NaN))
                .toList();
        assertThat(answers.list(zone, states).body().get().toString()).isEqualTo(asBefore(zone, states));
        Lot one = near.get(1).lot();
        assertThat(answers.one(one, states.get(one.id())).body().get().toString())
                .isEqualTo(LotJson.lot(one, states.get(one.id())).encode());
    }

    @Test
    void theETagStaysWhileNothingChangesAndMovesWithAStateOrADistance() {
        List<NearbyLot> near = geography.findLotsNear(
                geography.findLot("wanda-plaza").orElseThrow().entrance(), 800);
        Map<String, LotOccupancy> states = new HashMap<>();
        near.forEach(n -> states.put(n.lot().id(), state(n.lot(), 5, 1)));
        String tag = answers.list(near, states).etag();
        assertThat(answers.list(near, Map.copyOf(states)).etag()).isEqualTo(tag);

        Lot first = near.get(0).lot();
        states.put(first.id(), state(first, 6, 2));
        String changed = answers.list(near, states).etag();
        assertThat(changed).isNotEqualTo(tag);

        List<NearbyLot> moved = new java.util.ArrayList<>(near);
        moved.set(0, new NearbyLot(first, near.get(0).distanceMetres() + 10));
        assertThat(answers.list(moved, states).etag()).isNotEqualTo(changed);
        assertThat(answers.one(first, states.get(first.id())).etag())
                .isNotEqualTo(answers.one(first, state(first, 5, 1)).etag());
    }

    @Test
    void aLotRedrawnOrRenamedIsWrittenAgainThoughItsIdIsTheSame() {
        Lot lot = geography.findLot("wanda-plaza").orElseThrow();
        LotOccupancy state = state(lot, 5, 1);
        String before = answers.one(lot, state).body().get().toString();
        Lot moved = new Lot(
                lot.id(),
                lot.nameZh(),
                "Wanda Plaza (north gate)",
                lot.operatorId(),
                "wanda-block",
                lot.kind(),
                lot.entrance(),
                lot.capacity(),
                lot.externalIds());
        LotAnswers.Reply after = answers.one(moved, state);
        assertThat(after.body().get().toString())
                .isNotEqualTo(before)
                .isEqualTo(LotJson.lot(moved, state).encode());
        assertThat(after.etag()).isNotEqualTo(answers.one(lot, state).etag());
    }
}
