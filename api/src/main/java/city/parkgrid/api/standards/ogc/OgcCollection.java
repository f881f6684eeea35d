package city.parkgrid.api.standards.ogc;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;

/**
 * One feature collection of the OGC API: what it lists (in id order, from the in-memory
 * catalog), where each member lies and how a page of members becomes GeoJSON Features. Only the
 * page asked for is turned into features, so live occupancy is read for at most {@code limit} lots.
 *
 * @param geometry each member's geometry in WGS84 (x = longitude), for {@code bbox} and the extent
 * @param features the members as GeoJSON Features, in the order given
 */
record OgcCollection<T>(
        String id,
        String title,
        String description,
        Supplier<List<T>> members,
        Function<String, Optional<T>> find,
        Function<T, Geometry> geometry,
        BiFunction<Vertx, List<T>, Future<List<JsonObject>>> features) {

    /** The members whose geometry meets the box (all of them when {@code bbox} is null). */
    List<T> matching(Geometry bbox) {
        List<T> all = members.get();
        if (bbox == null) {
            return all;
        }
        Envelope box = bbox.getEnvelopeInternal();
        return all.stream()
                .filter(m -> {
                    Geometry g = geometry.apply(m);
                    return g.getEnvelopeInternal().intersects(box) && g.intersects(bbox);
                })
                .toList();
    }

    /** The box around every member, or null when the collection is empty. */
    Envelope extent() {
        Envelope extent = new Envelope();
        members.get().forEach(m -> extent.expandToInclude(geometry.apply(m).getEnvelopeInternal()));
        return extent.isNull() ? null : extent;
    }

    Future<List<JsonObject>> page(Vertx vertx, List<T> members) {
        return features.apply(vertx, members);
    }

    Future<Optional<JsonObject>> item(Vertx vertx, String itemId) {
        return find.apply(itemId)
                .map(m -> page(vertx, List.of(m)).map(f -> Optional.of(f.get(0))))
                .orElseGet(() -> Future.succeededFuture(Optional.empty()));
    }
}
