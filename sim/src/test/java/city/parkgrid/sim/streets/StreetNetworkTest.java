package city.parkgrid.sim.streets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import city.parkgrid.catalog.Geography;
import city.parkgrid.dataset.GeoJsonDataSetReader;
import city.parkgrid.geo.GeoPoint;
import city.parkgrid.lots.Lot;
import city.parkgrid.sim.streets.StreetNetwork.Road;
import city.parkgrid.sim.streets.StreetNetwork.StreetFile;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class StreetNetworkTest {

    /**
     * A block of four corners about 1 km apart: A south-west, B south-east, C north-east, D
     * north-west.
     */
    private static final Map<String, List<Double>> SQUARE = new LinkedHashMap<>();

    static {
        SQUARE.put("a", List.of(31.300, 121.500));
        SQUARE.put("b", List.of(31.300, 121.510));
        SQUARE.put("c", List.of(31.309, 121.510));
        SQUARE.put("d", List.of(31.309, 121.500));
    }

    private static StreetNetwork square(List<Road> roads) {
        return StreetNetwork.of(new StreetFile(Map.of("FAST", 15.0, "SLOW", 5.0), 10.0, SQUARE, roads));
    }

    private static Road road(String roadClass, String... nodes) {
        return new Road(String.join("-", nodes), null, roadClass, List.of(nodes));
    }

    private static double metres(String from, String to) {
        List<Double> a = SQUARE.get(from);
        List<Double> b = SQUARE.get(to);
        return GeoPoint.of(a.get(0), a.get(1)).metresTo(GeoPoint.of(b.get(0), b.get(1)));
    }

    @Test
    void theQuickestPathIsTheOneWorkedOutByHand() {
        // from A to C: round the corner at B on fast roads, or straight across on a slow diagonal
        StreetNetwork slowDiagonal = square(List.of(road("FAST", "a", "b", "c", "d"), road("SLOW", "a", "c")));
        StreetNetwork.Drive drive = slowDiagonal.between("a", "c");
        double roundTheCorner = metres("a", "b") + metres("b", "c");
        assertThat(drive.metres()).isCloseTo(roundTheCorner, within(1e-6));
        assertThat(drive.seconds()).isCloseTo(roundTheCorner / (15 / 3.6), within(1e-6));
        // the diagonal (1.41 km against 2 km) at 15 km/h too: it is quicker and taken
        StreetNetwork fastDiagonal = square(List.of(road("FAST", "a", "b", "c", "d"), road("FAST", "a", "c")));
        assertThat(fastDiagonal.between("a", "c").metres()).isCloseTo(metres("a", "c"), within(1e-6));
        assertThat(fastDiagonal.between("c", "a").seconds()).isCloseTo(metres("a", "c") / (15 / 3.6), within(1e-6));
    }

    @Test
    void withARoadMissingTheDriveGoesRoundTheBlock() {
        StreetNetwork whole = square(List.of(road("FAST", "a", "b", "c", "d", "a")));
        assertThat(whole.between("a", "b").metres()).isCloseTo(metres("a", "b"), within(1e-6));
        StreetNetwork withoutAb = square(List.of(road("FAST", "b", "c", "d", "a")));
        assertThat(withoutAb.between("a", "b").metres())
                .isCloseTo(metres("a", "d") + metres("d", "c") + metres("c", "b"), within(1e-6));
        // and between points off the graph near A and near B: onto A–D, round, and off C–B
        GeoPoint nearA = GeoPoint.of(31.3005, 121.5005);
        GeoPoint nearB = GeoPoint.of(31.3005, 121.5095);
        assertThat(withoutAb.between(nearA, nearB).metres())
                .isGreaterThan(2 * metres("a", "d"))
                .isGreaterThan(whole.between(nearA, nearB).metres());
    }

    @Test
    void twoPointsBesideOneEdgeDriveAlongItAndAccessLegsGoAtTheAccessSpeed() {
        StreetNetwork network = square(List.of(road("FAST", "a", "b", "c", "d", "a")));
        // 55 m north of A–B, at a quarter and three quarters of the way along it
        GeoPoint first = GeoPoint.of(31.3005, 121.5025);
        GeoPoint second = GeoPoint.of(31.3005, 121.5075);
        GeoPoint firstFoot = GeoPoint.of(31.300, 121.5025);
        GeoPoint secondFoot = GeoPoint.of(31.300, 121.5075);
        double access = first.metresTo(firstFoot) + second.metresTo(secondFoot);
        double along = firstFoot.metresTo(secondFoot);
        StreetNetwork.Drive drive = network.between(first, second);
        assertThat(drive.metres()).isCloseTo(access + along, within(0.01));
        assertThat(drive.seconds()).isCloseTo(access / (10 / 3.6) + along / (15 / 3.6), within(0.01));
    }

    @Test
    void aGraphInTwoPiecesIsAnError() {
        assertThatThrownBy(() -> square(List.of(road("FAST", "a", "b"), road("FAST", "c", "d"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not connected");
    }

    @Test
    void noDriveOnTheWujiaochangGraphIsShorterThanTheStraightLine() {
        StreetNetwork network = StreetNetwork.load("wujiaochang-streets.yaml");
        List<GeoPoint> points = new ArrayList<>();
        GeoJsonDataSetReader.wujiaochang().lots().stream().map(Lot::entrance).forEach(points::add);
        SplittableRandom random = new SplittableRandom(15);
        for (int i = 0; i < 200; i++) {
            // destinations and radius crossings anywhere in and around the unit
            points.add(GeoPoint.of(31.285 + 0.03 * random.nextDouble(), 121.500 + 0.03 * random.nextDouble()));
        }
        for (GeoPoint from : points) {
            for (GeoPoint to : points) {
                double straight = from.metresTo(to);
                StreetNetwork.Drive drive = network.between(from, to);
                assertThat(drive.metres()).isGreaterThanOrEqualTo(straight - 1e-6);
                // no road is faster than 15 km/h
                assertThat(drive.seconds()).isGreaterThanOrEqualTo(straight / (15 / 3.6) - 1e-6);
            }
        }
    }

    @Test
    void betweenTheUnitsLotsTheGraphDetoursButNotAbsurdly() {
        StreetNetwork network = StreetNetwork.load("wujiaochang-streets.yaml");
        List<Lot> unit = new Geography(GeoJsonDataSetReader.wujiaochang()).listLotsInZone("wujiaochang");
        assertThat(unit).hasSizeGreaterThan(20);
        double total = 0;
        double straight = 0;
        for (Lot from : unit) {
            for (Lot to : unit) {
                double metres = network.between(from.entrance(), to.entrance()).metres();
                // round a block of the main roads at worst (the graph has no lanes inside the blocks)
                assertThat(metres)
                        .as(from.id() + " to " + to.id())
                        .isLessThan(6 * from.entrance().metresTo(to.entrance()) + 300);
                total += metres;
                straight += from.entrance().metresTo(to.entrance());
            }
        }
        // the straight-line model's detour factor is 1.4; a graph of the main roads only detours more
        assertThat(total / straight).isBetween(1.1, 2.0);
    }

    @Test
    void everyLotOfTheUnitIsWithinAShortDriveOfAStreet() {
        StreetNetwork network = StreetNetwork.load("wujiaochang-streets.yaml");
        for (Lot lot : new Geography(GeoJsonDataSetReader.wujiaochang()).listLotsInZone("wujiaochang")) {
            assertThat(network.metresOffStreet(lot.entrance())).as(lot.id()).isLessThan(250);
        }
    }

    @Test
    void circlingGoesThroughTheNearestNodeNotYetCircledThenTheNext() {
        StreetNetwork network = square(List.of(road("FAST", "a", "b", "c", "d", "a")));
        GeoPoint nearB = GeoPoint.of(31.3010, 121.5090);
        Set<Integer> circled = new HashSet<>();
        int first = network.nextNodeAround(nearB, circled);
        assertThat(network.node(first)).isEqualTo(network.node("b"));
        circled.add(first);
        int second = network.nextNodeAround(nearB, circled);
        assertThat(network.node(second)).isIn(network.node("a"), network.node("c"));
        circled.add(second);
        circled.add(network.nextNodeAround(nearB, circled));
        circled.add(network.nextNodeAround(nearB, circled));
        // every node circled: back to the nearest
        assertThat(network.node(network.nextNodeAround(nearB, circled))).isEqualTo(network.node("b"));
    }
}
