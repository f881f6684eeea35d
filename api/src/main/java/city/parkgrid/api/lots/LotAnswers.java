package city.parkgrid.api.lots;

import city.parkgrid.api.http.Etags;
import city.parkgrid.lots.Lot;
import city.parkgrid.lots.NearbyLot;
import city.parkgrid.occupancy.LotOccupancy;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The bytes of the lot reads ({@code GET /v1/lots}, {@code GET /v1/lots/{id}}), each lot's JSON
 * written once per change of the lot or of its live state and reused by every answer until then
 * (issue 17: writing each answer's JSON tree anew was a fifth of a node's CPU on the hot path).
 * A list is its lots' bytes spliced, with each one's distance; its ETag is derived from its lots'
 * and distances, not by hashing the body. The bytes are exactly what {@link LotJson#lot} encodes
 * (the test holds them to it). Thread-safe; a lot's entry is replaced when either part changes.
 */
final class LotAnswers {

    private static final byte[] LIST_START = "{\"lots\":[".getBytes(StandardCharsets.UTF_8);
    private static final byte[] LIST_END = "]}".getBytes(StandardCharsets.UTF_8);
    private static final byte[] DISTANCE = ",\"distanceMeters\":".getBytes(StandardCharsets.UTF_8);

    /**
     * One lot's answer as of its catalog entry and live state (null: unknown).
     *
     * @param open the JSON without its closing brace, for splicing a distance in
     * @param tag the lot's own strong ETag value (without quotes)
     */
    private record Answer(Lot lot, LotOccupancy occupancy, byte[] open, String tag) {}

    private final Map<String, Answer> answers = new ConcurrentHashMap<>();

    private Answer answer(Lot lot, LotOccupancy occupancy) {
        Answer known = answers.get(lot.id());
        if (known != null
                && (known.lot() == lot || known.lot().equalsAllFields(lot))
                && Objects.equals(known.occupancy(), occupancy)) {
            return known;
        }
        byte[] json = LotJson.lot(lot, occupancy).toBuffer().getBytes();
        byte[] open = java.util.Arrays.copyOf(json, json.length - 1);
        Answer fresh = new Answer(lot, occupancy, open, Etags.digest(Buffer.buffer(json)));
        answers.put(lot.id(), fresh);
        return fresh;
    }

    /** An answer's ETag (quoted) and its body, written only when asked for. */
    record Reply(String etag, Supplier<Buffer> body) {}

    /** Answers one lot, with its ETag (304 when the client has it). */
    void respond(RoutingContext ctx, Lot lot, LotOccupancy occupancy) {
        Reply r = one(lot, occupancy);
        Etags.respond(ctx, r.etag(), r.body());
    }

    /** Answers the lots in order, with their distances when they have them; see {@link #list}. */
    void respondList(RoutingContext ctx, List<NearbyLot> found, Map<String, LotOccupancy> states) {
        Reply r = list(found, states);
        Etags.respond(ctx, r.etag(), r.body());
    }

    Reply one(Lot lot, LotOccupancy occupancy) {
        Answer a = answer(lot, occupancy);
        return new Reply(
                "\"" + a.tag() + "\"",
                () -> Buffer.buffer(a.open().length + 1).appendBytes(a.open()).appendByte((byte) '}'));
    }

    /**
     * {@code {"lots": [...]}} of these lots in order, each with its {@code distanceMeters} when it
     * has one (not NaN), as {@link ListLotsHandler} answers.
     */
    Reply list(List<NearbyLot> found, Map<String, LotOccupancy> states) {
        Answer[] parts = new Answer[found.size()];
        long[] distances = new long[found.size()];
        // the list's tag: a hash of its lots' own tags and distances, in order (same inputs, same bytes)
        StringBuilder tag = new StringBuilder(found.size() * 28);
        int size = LIST_START.length + LIST_END.length;
        for (int i = 0; i < parts.length; i++) {
            NearbyLot n = found.get(i);
            parts[i] = answer(n.lot(), states.get(n.lot().id()));
            distances[i] = Double.isNaN(n.distanceMetres()) ? -1 : Math.round(n.distanceMetres());
            tag.append(parts[i].tag()).append(':').append(distances[i]).append(',');
            size += parts[i].open().length + 24 + DISTANCE.length;
        }
        int capacity = size;
        return new Reply("\"" + Etags.digest(Buffer.buffer(tag.toString())) + "\"", () -> {
            Buffer body = Buffer.buffer(capacity).appendBytes(LIST_START);
            for (int i = 0; i < parts.length; i++) {
                if (i > 0) {
                    body.appendByte((byte) ',');
                }
                body.appendBytes(parts[i].open());
                if (distances[i] >= 0) {
                    body.appendBytes(DISTANCE).appendString(Long.toString(distances[i]));
                }
                body.appendByte((byte) '}');
            }
            return body.appendBytes(LIST_END);
        });
    }
}
