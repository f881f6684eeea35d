package city.parkgrid.api.history;

import city.parkgrid.history.HistoryRange;
import city.parkgrid.history.LotHistory;
import city.parkgrid.history.ZoneHistory;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** History as the API answers it: JSON, or CSV (one row per bucket, a header line first). */
final class HistoryOutput {

    static final String LOT_CSV_HEADER = "at,samples,occupied_mean,occupied_min,occupied_max,held_mean,capacity,status";
    static final String ZONE_CSV_HEADER = "at,lots,occupied_mean,held_mean,capacity";

    private HistoryOutput() {}

    static void respond(RoutingContext ctx, boolean csv, LotHistory history) {
        if (csv) {
            StringBuilder out = new StringBuilder(LOT_CSV_HEADER).append('\n');
            for (LotHistory.Bucket b : history.buckets()) {
                out.append(b.at())
                        .append(',')
                        .append(b.samples())
                        .append(',')
                        .append(b.occupiedMean())
                        .append(',')
                        .append(b.occupiedMin())
                        .append(',')
                        .append(b.occupiedMax())
                        .append(',')
                        .append(b.heldMean())
                        .append(',')
                        .append(b.capacity())
                        .append(',')
                        .append(b.status() == null ? "" : b.status().name())
                        .append('\n');
            }
            csv(ctx, out);
            return;
        }
        JsonArray buckets = new JsonArray();
        for (LotHistory.Bucket b : history.buckets()) {
            buckets.add(new JsonObject()
                    .put("at", b.at().toString())
                    .put("samples", b.samples())
                    .put("occupiedMean", b.occupiedMean())
                    .put("occupiedMin", b.occupiedMin())
                    .put("occupiedMax", b.occupiedMax())
                    .put("heldMean", b.heldMean())
                    .put("capacity", b.capacity())
                    .put("status", b.status() == null ? null : b.status().name()));
        }
        ctx.json(range(history.range()).put("lotId", history.lotId()).put("buckets", buckets));
    }

    static void respond(RoutingContext ctx, boolean csv, ZoneHistory history, int lots) {
        if (csv) {
            StringBuilder out = new StringBuilder(ZONE_CSV_HEADER).append('\n');
            for (ZoneHistory.Bucket b : history.buckets()) {
                out.append(b.at())
                        .append(',')
                        .append(b.lots())
                        .append(',')
                        .append(b.occupiedMean())
                        .append(',')
                        .append(b.heldMean())
                        .append(',')
                        .append(b.capacity())
                        .append('\n');
            }
            csv(ctx, out);
            return;
        }
        JsonArray buckets = new JsonArray();
        for (ZoneHistory.Bucket b : history.buckets()) {
            buckets.add(new JsonObject()
                    .put("at", b.at().toString())
                    .put("lots", b.lots())
                    .put("occupiedMean", b.occupiedMean())
                    .put("heldMean", b.heldMean())
                    .put("capacity", b.capacity()));
        }
        ctx.json(range(history.range())
                .put("zoneId", history.zoneId())
                .put("lots", lots)
                .put("buckets", buckets));
    }

    private static JsonObject range(HistoryRange range) {
        return new JsonObject()
                .put("from", range.from().toString())
                .put("to", range.to().toString())
                .put("step", range.step().toString());
    }

    private static void csv(RoutingContext ctx, StringBuilder body) {
        ctx.response()
                .putHeader("Content-Type", HistoryQuery.CSV + "; charset=utf-8")
                .end(body.toString());
    }
}
