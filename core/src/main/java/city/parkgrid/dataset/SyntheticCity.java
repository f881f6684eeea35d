package city.parkgrid.dataset;

import city.parkgrid.geo.GeoJsonGeometries;
import city.parkgrid.geo.GeoPoint;
import city.parkgrid.lots.Lot;
import city.parkgrid.lots.LotKind;
import city.parkgrid.regions.Region;
import city.parkgrid.regions.RegionLevel;
import city.parkgrid.zones.Zone;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;

/**
 * A synthetic Shanghai at the scale the platform is built for, for benchmarks and drills: the
 * city, its 16 districts on a 4 × 4 grid over 121.20–121.80 E, 30.95–31.45 N, each split into 4
 * subdistricts of 4 communities, one parking unit per subdistrict, and lots spread over the
 * communities (central districts twice as dense, Pudong three times) in the {@link #MIX} of kinds
 * and sizes: at 4,500 lots about 950,000 spaces. The same lot count and seed always give the same
 * data set ({@link Random} is specified to the bit). Not survey data: the grid only places each
 * district roughly where it lies. Thread-safe (stateless).
 */
public final class SyntheticCity {

    /** The lots the mix is stated for; other counts scale it. */
    public static final int SHANGHAI_LOTS = 4_500;

    /**
     * One kind of lot: how many of {@link #SHANGHAI_LOTS} lots are of it, and the range of its
     * capacities (inclusive), spread evenly over the lots of the kind, so the total does not
     * depend on the seed: the seed decides which lot gets which size, and where it lies.
     */
    public record Share(LotKind kind, int lotsPer4500, int minCapacity, int maxCapacity, String nameZh) {

        public double meanCapacity() {
            return (minCapacity + maxCapacity) / 2.0;
        }
    }

    /** The mix of kinds and sizes; RESIDENTIAL, first, takes what rounding leaves at other counts. */
    public static final List<Share> MIX = List.of(
            new Share(LotKind.RESIDENTIAL, 2_000, 100, 344, "小区"),
            new Share(LotKind.ON_STREET, 1_000, 10, 60, "道路停车"),
            new Share(LotKind.OFFICE, 800, 60, 240, "写字楼"),
            new Share(LotKind.MALL, 300, 300, 1_100, "商场"),
            new Share(LotKind.HOSPITAL, 150, 100, 500, "医院"),
            new Share(LotKind.PARK_AND_RIDE, 130, 100, 700, "停车换乘"),
            new Share(LotKind.UNIVERSITY, 100, 100, 500, "校园"),
            new Share(LotKind.STADIUM, 20, 300, 1_100, "体育场馆"));

    private record District(String id, String nameZh, String nameEn, int weight) {}

    /** Row by row from the south-west corner of the grid. */
    private static final List<District> DISTRICTS = List.of(
            new District("songjiang", "松江区", "Songjiang District", 1),
            new District("minhang", "闵行区", "Minhang District", 1),
            new District("jinshan", "金山区", "Jinshan District", 1),
            new District("fengxian", "奉贤区", "Fengxian District", 1),
            new District("qingpu", "青浦区", "Qingpu District", 1),
            new District("xuhui", "徐汇区", "Xuhui District", 2),
            new District("huangpu", "黄浦区", "Huangpu District", 2),
            new District("pudong", "浦东新区", "Pudong New Area", 3),
            new District("changning", "长宁区", "Changning District", 2),
            new District("putuo", "普陀区", "Putuo District", 2),
            new District("jingan", "静安区", "Jing'an District", 2),
            new District("hongkou", "虹口区", "Hongkou District", 2),
            new District("jiading", "嘉定区", "Jiading District", 1),
            new District("baoshan", "宝山区", "Baoshan District", 1),
            new District("yangpu", "杨浦区", "Yangpu District", 2),
            new District("chongming", "崇明区", "Chongming District", 1));

    private static final double WEST = 121.20;
    private static final double SOUTH = 30.95;
    private static final double DISTRICT_LON = 0.15;
    private static final double DISTRICT_LAT = 0.125;
    /** A unit is its subdistrict less this margin, so no two units touch. */
    private static final double UNIT_INSET = 0.002;
    /** Lots keep this far (about 300 m) from their community's edges, so each lies in exactly one. */
    private static final double LOT_INSET = 0.003;

    private SyntheticCity() {}

    public static DataSet generate(int lots, long seed) {
        if (lots < 1 || lots > 100_000) {
            throw new IllegalArgumentException("lots must be 1 to 100000, was " + lots);
        }
        Random random = new Random(seed);
        List<Region> regions = new ArrayList<>();
        List<Zone> zones = new ArrayList<>();
        regions.add(new Region(
                "shanghai",
                RegionLevel.CITY,
                null,
                "上海市",
                "Shanghai",
                rectangle(WEST, SOUTH, WEST + 4 * DISTRICT_LON, SOUTH + 4 * DISTRICT_LAT, true)));
        for (int d = 0; d < DISTRICTS.size(); d++) {
            District district = DISTRICTS.get(d);
            double x0 = districtWest(d);
            double y0 = districtSouth(d);
            regions.add(new Region(
                    district.id(),
                    RegionLevel.DISTRICT,
                    "shanghai",
                    district.nameZh(),
                    district.nameEn(),
                    rectangle(x0, y0, x0 + DISTRICT_LON, y0 + DISTRICT_LAT, true)));
            for (int s = 0; s < 4; s++) {
                double sx = x0 + (s % 2) * DISTRICT_LON / 2;
                double sy = y0 + (s / 2) * DISTRICT_LAT / 2;
                String subdistrict = district.id() + "-s" + (s + 1);
                regions.add(new Region(
                        subdistrict,
                        RegionLevel.SUBDISTRICT,
                        district.id(),
                        district.nameZh() + "第" + (s + 1) + "街道",
                        district.nameEn() + " Subdistrict " + (s + 1),
                        rectangle(sx, sy, sx + DISTRICT_LON / 2, sy + DISTRICT_LAT / 2, true)));
                for (int c = 0; c < 4; c++) {
                    double[] box = communityBox(d, s, c);
                    regions.add(new Region(
                            subdistrict + "-c" + (c + 1),
                            RegionLevel.COMMUNITY,
                            subdistrict,
                            district.nameZh() + "第" + (s + 1) + "街道第" + (c + 1) + "社区",
                            district.nameEn() + " Subdistrict " + (s + 1) + " Community " + (c + 1),
                            rectangle(box[0], box[1], box[2], box[3], true)));
                }
                zones.add(new Zone(
                        district.id() + "-u" + (s + 1),
                        district.nameZh().replaceAll("(新)?区$", "") + "第" + (s + 1) + "停车单元",
                        district.nameEn().replaceAll(" (District|New Area)$", "") + " Parking Unit " + (s + 1),
                        rectangle(
                                sx + UNIT_INSET,
                                sy + UNIT_INSET,
                                sx + DISTRICT_LON / 2 - UNIT_INSET,
                                sy + DISTRICT_LAT / 2 - UNIT_INSET,
                                false)));
            }
        }
        List<Planned> plan = plan(lots);
        Collections.shuffle(plan, random);
        int totalWeight = DISTRICTS.stream().mapToInt(District::weight).sum();
        List<Lot> generated = new ArrayList<>(lots);
        for (int i = 0; i < lots; i++) {
            Share share = plan.get(i).share();
            int d = pickDistrict(random.nextInt(totalWeight));
            District district = DISTRICTS.get(d);
            double[] box = communityBox(d, random.nextInt(4), random.nextInt(4));
            double lon = round6(box[0] + LOT_INSET + random.nextDouble() * (box[2] - box[0] - 2 * LOT_INSET));
            double lat = round6(box[1] + LOT_INSET + random.nextDouble() * (box[3] - box[1] - 2 * LOT_INSET));
            String kind = share.kind().name().toLowerCase(Locale.ROOT).replace('_', '-');
            String number = String.format(Locale.ROOT, "%05d", i + 1);
            generated.add(new Lot(
                    "lot-" + number,
                    district.nameZh().replaceAll("(新)?区$", "") + share.nameZh() + "停车场" + number,
                    district.nameEn().replaceAll(" (District|New Area)$", "") + " " + kind + " car park " + number,
                    "op-" + district.id() + "-" + kind,
                    null,
                    share.kind(),
                    GeoPoint.of(lat, lon),
                    plan.get(i).capacity()));
        }
        return new DataSet(regions, zones, generated);
    }

    /** One lot to be placed: its kind and capacity. */
    record Planned(Share share, int capacity) {}

    /** Every lot's kind and capacity, in {@link #MIX} order. */
    static List<Planned> plan(int lots) {
        int[] counts = new int[MIX.size()];
        int rest = lots;
        for (int k = 1; k < MIX.size(); k++) {
            counts[k] = (int) ((long) lots * MIX.get(k).lotsPer4500() / SHANGHAI_LOTS);
            rest -= counts[k];
        }
        counts[0] = rest;
        List<Planned> plan = new ArrayList<>(lots);
        for (int k = 0; k < MIX.size(); k++) {
            Share share = MIX.get(k);
            int span = share.maxCapacity() - share.minCapacity();
            for (int j = 0; j < counts[k]; j++) {
                int step = counts[k] == 1 ? span / 2 : (int) Math.round((double) span * j / (counts[k] - 1));
                plan.add(new Planned(share, share.minCapacity() + step));
            }
        }
        return plan;
    }

    private static int pickDistrict(int ticket) {
        int d = 0;
        while (ticket >= DISTRICTS.get(d).weight()) {
            ticket -= DISTRICTS.get(d).weight();
            d++;
        }
        return d;
    }

    private static double districtWest(int d) {
        return WEST + (d % 4) * DISTRICT_LON;
    }

    private static double districtSouth(int d) {
        return SOUTH + (d / 4) * DISTRICT_LAT;
    }

    /** West, south, east, north of community {@code c} of subdistrict {@code s} of district {@code d}. */
    private static double[] communityBox(int d, int s, int c) {
        double x = districtWest(d) + (s % 2) * DISTRICT_LON / 2 + (c % 2) * DISTRICT_LON / 4;
        double y = districtSouth(d) + (s / 2) * DISTRICT_LAT / 2 + (c / 2) * DISTRICT_LAT / 4;
        return new double[] {x, y, x + DISTRICT_LON / 4, y + DISTRICT_LAT / 4};
    }

    /** A counter-clockwise rectangle, as a MultiPolygon (regions) or a Polygon (units). */
    private static Geometry rectangle(double west, double south, double east, double north, boolean multi) {
        double x0 = round6(west);
        double y0 = round6(south);
        double x1 = round6(east);
        double y1 = round6(north);
        Polygon polygon = GeoJsonGeometries.FACTORY.createPolygon(new Coordinate[] {
            new Coordinate(x0, y0),
            new Coordinate(x1, y0),
            new Coordinate(x1, y1),
            new Coordinate(x0, y1),
            new Coordinate(x0, y0)
        });
        return multi ? GeoJsonGeometries.FACTORY.createMultiPolygon(new Polygon[] {polygon}) : polygon;
    }

    private static double round6(double degrees) {
        return Math.round(degrees * 1e6) / 1e6;
    }
}
