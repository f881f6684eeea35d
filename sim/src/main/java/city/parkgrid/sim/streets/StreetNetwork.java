package city.parkgrid.sim.streets;

import city.parkgrid.geo.GeoPoint;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

/**
 * A district's streets as a graph cars drive on: nodes at intersections, two-way straight edges
 * between consecutive nodes of a road, each at its road class's speed. Every shortest path between
 * nodes is computed once when the graph is built (Dijkstra from each node, by time), so a drive
 * between two points costs two attachments and four table look-ups.
 *
 * <p>A point off the graph (a lot's gate, a destination, where a driver enters the search radius)
 * attaches to its nearest edge, or another hardly further: a straight access leg to the foot on the
 * edge at the access speed, then along the edge to either end, whichever is quickest. Every leg of
 * a drive is a great-circle distance between consecutive points, so a drive is never shorter than
 * the straight line between its ends.
 *
 * <p>Thread-safe and immutable but for a cache of where points join it: simulations running side
 * by side share one.
 */
public final class StreetNetwork {

    /** A drive on the streets: metres driven and the seconds they take. */
    public record Drive(double metres, double seconds) {

        public double minutes() {
            return seconds / 60.0;
        }
    }

    /**
     * A street file as written (see {@code sim/src/main/resources/streets/}).
     *
     * @param speedsKmh the speed of each road class
     * @param accessSpeedKmh from the street to a point off it (a lot's driveway)
     * @param nodes each node's {@code [lat, lon]}, by id
     * @param roads each a chain of nodes of one class
     */
    public record StreetFile(
            Map<String, Double> speedsKmh, double accessSpeedKmh, Map<String, List<Double>> nodes, List<Road> roads) {}

    /** A road: consecutive nodes are joined by a two-way edge of its class. */
    public record Road(String name, String nameZh, String roadClass, List<String> nodes) {}

    private static final double METRES_PER_DEGREE = 111_195.0;
    private static final ObjectMapper YAML =
            new ObjectMapper(new YAMLFactory()).enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final Map<String, StreetNetwork> LOADED = new ConcurrentHashMap<>();

    private final String[] ids;
    private final GeoPoint[] points;
    private final int[] edgeFrom;
    private final int[] edgeTo;
    private final double[] edgeMetres;
    /** Metres per second on each edge. */
    private final double[] edgeSpeed;

    private final double accessSpeed;
    /** Shortest drive by time between every two nodes, and the metres along it. */
    private final double[][] seconds;

    private final double[][] metres;
    // a local plane for finding the nearest edge (distances within it only rank, never count)
    private final double lat0;
    private final double lon0;
    private final double cosLat0;

    private StreetNetwork(StreetFile file) {
        ids = file.nodes().keySet().toArray(String[]::new);
        points = new GeoPoint[ids.length];
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < ids.length; i++) {
            List<Double> latLon = file.nodes().get(ids[i]);
            points[i] = GeoPoint.of(latLon.get(0), latLon.get(1));
            index.put(ids[i], i);
        }
        List<int[]> edges = new ArrayList<>();
        List<Double> speeds = new ArrayList<>();
        for (Road road : file.roads()) {
            Double kmh = file.speedsKmh().get(road.roadClass());
            if (kmh == null || kmh <= 0) {
                throw new IllegalArgumentException("road " + road.name() + ": no speed for class " + road.roadClass());
            }
            for (int k = 1; k < road.nodes().size(); k++) {
                edges.add(new int[] {node(index, road, k - 1), node(index, road, k)});
                speeds.add(kmh / 3.6);
            }
        }
        edgeFrom = edges.stream().mapToInt(e -> e[0]).toArray();
        edgeTo = edges.stream().mapToInt(e -> e[1]).toArray();
        edgeSpeed = speeds.stream().mapToDouble(Double::doubleValue).toArray();
        edgeMetres = IntStream.range(0, edgeFrom.length)
                .mapToDouble(e -> points[edgeFrom[e]].metresTo(points[edgeTo[e]]))
                .toArray();
        accessSpeed = file.accessSpeedKmh() / 3.6;
        lat0 = points[0].lat();
        lon0 = points[0].lon();
        cosLat0 = Math.cos(Math.toRadians(lat0));
        seconds = new double[ids.length][];
        metres = new double[ids.length][];
        List<List<Integer>> adjacent = new ArrayList<>();
        for (int i = 0; i < ids.length; i++) {
            adjacent.add(new ArrayList<>());
        }
        for (int e = 0; e < edgeFrom.length; e++) {
            adjacent.get(edgeFrom[e]).add(e);
            adjacent.get(edgeTo[e]).add(e);
        }
        for (int source = 0; source < ids.length; source++) {
            dijkstra(source, adjacent);
            for (int target = 0; target < ids.length; target++) {
                if (Double.isInfinite(seconds[source][target])) {
                    throw new IllegalArgumentException(
                            "street graph not connected: no way from " + ids[source] + " to " + ids[target]);
                }
            }
        }
    }

    private static int node(Map<String, Integer> index, Road road, int k) {
        Integer i = index.get(road.nodes().get(k));
        if (i == null) {
            throw new IllegalArgumentException(
                    "road " + road.name() + ": unknown node " + road.nodes().get(k));
        }
        return i;
    }

    /** Quickest drives from one node to every node (ties: fewer metres), each edge both ways. */
    private void dijkstra(int source, List<List<Integer>> adjacent) {
        double[] time = new double[ids.length];
        double[] length = new double[ids.length];
        Arrays.fill(time, Double.POSITIVE_INFINITY);
        Arrays.fill(length, Double.POSITIVE_INFINITY);
        boolean[] done = new boolean[ids.length];
        time[source] = 0;
        length[source] = 0;
        // entries are {seconds, metres, node} as they were when queued: a stale one is skipped when polled
        PriorityQueue<double[]> queue = new PriorityQueue<>(Comparator.<double[]>comparingDouble(q -> q[0])
                .thenComparingDouble(q -> q[1])
                .thenComparingDouble(q -> q[2]));
        queue.add(new double[] {0, 0, source});
        while (!queue.isEmpty()) {
            int n = (int) queue.poll()[2];
            if (done[n]) {
                continue;
            }
            done[n] = true;
            for (int e : adjacent.get(n)) {
                int other = edgeFrom[e] == n ? edgeTo[e] : edgeFrom[e];
                double t = time[n] + edgeMetres[e] / edgeSpeed[e];
                double m = length[n] + edgeMetres[e];
                if (!done[other] && (t < time[other] || t == time[other] && m < length[other])) {
                    time[other] = t;
                    length[other] = m;
                    queue.add(new double[] {t, m, other});
                }
            }
        }
        seconds[source] = time;
        metres[source] = length;
    }

    /** Builds the graph of a street file. */
    public static StreetNetwork of(StreetFile file) {
        return new StreetNetwork(file);
    }

    /**
     * The street file shipped under {@code /streets/} on the class path by that name, or else at that
     * path; built once per name and shared.
     */
    public static StreetNetwork load(String name) {
        return LOADED.computeIfAbsent(name, StreetNetwork::read);
    }

    private static StreetNetwork read(String name) {
        try (InputStream shipped = StreetNetwork.class.getResourceAsStream("/streets/" + name)) {
            if (shipped != null) {
                return of(YAML.readValue(shipped, StreetFile.class));
            }
            try (InputStream file = Files.newInputStream(Path.of(name))) {
                return of(YAML.readValue(file, StreetFile.class));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read street file " + name, e);
        }
    }

    public int nodeCount() {
        return ids.length;
    }

    public int edgeCount() {
        return edgeFrom.length;
    }

    public GeoPoint node(String id) {
        return points[indexOf(id)];
    }

    private int indexOf(String id) {
        for (int i = 0; i < ids.length; i++) {
            if (ids[i].equals(id)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no node " + id);
    }

    /** The quickest drive between two nodes. */
    public Drive between(String fromNode, String toNode) {
        int a = indexOf(fromNode);
        int b = indexOf(toNode);
        return new Drive(metres[a][b], seconds[a][b]);
    }

    /** Where a point joins the graph: the foot on an edge, and the metres to it and from it to each end. */
    private record Attachment(int edge, GeoPoint foot, double access, double toFrom, double toTo) {}

    /**
     * A point joins any edge no more than this much further than its nearest: a gate between two
     * streets, or a destination by a corner, is reached from whichever is quicker.
     */
    private static final double OTHER_STREET_METRES = 150;

    /**
     * Attachments already worked out, for the first points asked about: the lots' gates, asked about
     * again and again, are among them. Capped, as drivers' own positions are asked about only once or twice.
     */
    private final Map<GeoPoint, List<Attachment>> attached = new ConcurrentHashMap<>();

    private static final int ATTACHED_KEPT = 4096;

    /** Edges a point may join, by how far: the nearest, and the others within {@link #OTHER_STREET_METRES} of it. */
    private List<Attachment> attach(GeoPoint p) {
        List<Attachment> known = attached.get(p);
        if (known != null) {
            return known;
        }
        List<Attachment> joins = join(p);
        if (attached.size() < ATTACHED_KEPT) {
            attached.putIfAbsent(p, joins);
        }
        return List.copyOf(joins);
    }

    private List<Attachment> join(GeoPoint p) {
        double px = x(p);
        double py = y(p);
        double[] square = new double[edgeFrom.length];
        double[] along = new double[edgeFrom.length];
        double nearest = Double.POSITIVE_INFINITY;
        for (int e = 0; e < edgeFrom.length; e++) {
            GeoPoint a = points[edgeFrom[e]];
            double ax = x(a);
            double ay = y(a);
            double dx = x(points[edgeTo[e]]) - ax;
            double dy = y(points[edgeTo[e]]) - ay;
            double span = dx * dx + dy * dy;
            along[e] = span == 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / span));
            double fx = ax + along[e] * dx - px;
            double fy = ay + along[e] * dy - py;
            square[e] = fx * fx + fy * fy;
            nearest = Math.min(nearest, square[e]);
        }
        double reach = Math.sqrt(nearest) + OTHER_STREET_METRES;
        List<Attachment> joins = new ArrayList<>();
        for (int e = 0; e < edgeFrom.length; e++) {
            if (square[e] <= reach * reach) {
                GeoPoint a = points[edgeFrom[e]];
                GeoPoint b = points[edgeTo[e]];
                double t = along[e];
                GeoPoint foot = GeoPoint.of(a.lat() + t * (b.lat() - a.lat()), a.lon() + t * (b.lon() - a.lon()));
                joins.add(new Attachment(e, foot, p.metresTo(foot), foot.metresTo(a), foot.metresTo(b)));
            }
        }
        return joins;
    }

    /** Metres from a point to the nearest street (its access leg). */
    public double metresOffStreet(GeoPoint p) {
        return attach(p).stream().mapToDouble(Attachment::access).min().orElseThrow();
    }

    private double x(GeoPoint p) {
        return (p.lon() - lon0) * cosLat0 * METRES_PER_DEGREE;
    }

    private double y(GeoPoint p) {
        return (p.lat() - lat0) * METRES_PER_DEGREE;
    }

    /**
     * The quickest drive from one point to another: onto an edge near it, along it to one of its
     * ends, the quickest path to an end of an edge near the destination, along that edge and off it
     * (or only along the edge, when both points join the same one).
     */
    public Drive between(GeoPoint from, GeoPoint to) {
        if (from.equals(to)) {
            return new Drive(0, 0);
        }
        double bestSeconds = Double.POSITIVE_INFINITY;
        double bestMetres = Double.POSITIVE_INFINITY;
        List<Attachment> targets = attach(to);
        for (Attachment s : attach(from)) {
            for (Attachment t : targets) {
                double access = s.access() + t.access();
                double accessSeconds = access / accessSpeed;
                if (s.edge() == t.edge()) {
                    double along = s.foot().metresTo(t.foot());
                    double sec = accessSeconds + along / edgeSpeed[s.edge()];
                    if (sec < bestSeconds) {
                        bestSeconds = sec;
                        bestMetres = access + along;
                    }
                }
                int[] starts = {edgeFrom[s.edge()], edgeTo[s.edge()]};
                double[] startMetres = {s.toFrom(), s.toTo()};
                int[] ends = {edgeFrom[t.edge()], edgeTo[t.edge()]};
                double[] endMetres = {t.toFrom(), t.toTo()};
                for (int i = 0; i < 2; i++) {
                    for (int j = 0; j < 2; j++) {
                        double sec = accessSeconds
                                + startMetres[i] / edgeSpeed[s.edge()]
                                + seconds[starts[i]][ends[j]]
                                + endMetres[j] / edgeSpeed[t.edge()];
                        if (sec < bestSeconds) {
                            bestSeconds = sec;
                            bestMetres = access + startMetres[i] + metres[starts[i]][ends[j]] + endMetres[j];
                        }
                    }
                }
            }
        }
        return new Drive(bestMetres, bestSeconds);
    }

    /**
     * Where a driver circling the block around {@code centre} goes next: the node nearest to it that
     * they have not circled through yet (by index in {@code circled}), or the nearest once every
     * node has been; answers its index.
     */
    public int nextNodeAround(GeoPoint centre, Set<Integer> circled) {
        int nearest = -1;
        int nearestNew = -1;
        double nearestMetres = Double.POSITIVE_INFINITY;
        double nearestNewMetres = Double.POSITIVE_INFINITY;
        for (int i = 0; i < points.length; i++) {
            double m = centre.metresTo(points[i]);
            if (m < nearestMetres) {
                nearest = i;
                nearestMetres = m;
            }
            if (!circled.contains(i) && m < nearestNewMetres) {
                nearestNew = i;
                nearestNewMetres = m;
            }
        }
        return nearestNew >= 0 ? nearestNew : nearest;
    }

    public GeoPoint node(int index) {
        return points[index];
    }
}
