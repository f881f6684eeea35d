package city.parkgrid.api.datex2;

import city.parkgrid.access.Principal;
import city.parkgrid.access.Role;
import city.parkgrid.api.http.Authentication;
import city.parkgrid.api.http.Etags;
import city.parkgrid.api.http.Problem;
import city.parkgrid.api.http.ProblemException;
import city.parkgrid.datex2.Datex2Publications;
import city.parkgrid.datex2.Datex2Publications.StatusSnapshot;
import city.parkgrid.datex2.Datex2StatusImport;
import city.parkgrid.datex2.Datex2StatusImport.Outcome;
import city.parkgrid.datex2.Datex2StatusImport.Report;
import city.parkgrid.datex2.Datex2StatusImport.Result;
import city.parkgrid.datex2.Datex2StatusReader;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.function.Consumer;

/**
 * DATEX II v3 for national access points and navigation providers: the lots as v3.7 table and
 * status publications ({@code application/xml}, written on a worker: a city's status is megabytes),
 * and status publications (v3.7 or v3.0) fed in by operators and the bureau.
 */
public final class Datex2Handlers {

    /** The media type of every DATEX II document served. */
    public static final String XML = "application/xml; charset=utf-8";

    private Datex2Handlers() {}

    /** Writes the document on a worker (a city's is megabytes of CPU work), then answers it. */
    private static void respondXml(RoutingContext ctx, Consumer<OutputStream> writer) {
        ctx.vertx()
                .executeBlocking(
                        () -> {
                            ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
                            writer.accept(out);
                            return Buffer.buffer(out.toByteArray());
                        },
                        false)
                .onSuccess(xml -> ctx.response().putHeader("Content-Type", XML).end(xml))
                .onFailure(ctx::fail);
    }

    /** {@code GET /v1/datex2/parking-table[?zone=ID]}: open to all. */
    public static final class Table implements Handler<RoutingContext> {
        private final Datex2Publications publications;
        private final Clock clock;

        public Table(Datex2Publications publications, Clock clock) {
            this.publications = publications;
            this.clock = clock;
        }

        @Override
        public void handle(RoutingContext ctx) {
            String zone = ctx.queryParams().get("zone");
            respondXml(ctx, out -> publications.writeTable(zone, clock.instant(), out));
        }
    }

    /**
     * {@code GET /v1/datex2/parking-status[?zone=ID]}: open to all. The ETag is the publication's
     * version (the lots' states, not the publication time), so pollers that send it back, or
     * {@code If-Modified-Since}, get a 304 without any XML being written.
     */
    public static final class Status implements Handler<RoutingContext> {
        private final Datex2Publications publications;
        private final Clock clock;

        public Status(Datex2Publications publications, Clock clock) {
            this.publications = publications;
            this.clock = clock;
        }

        @Override
        public void handle(RoutingContext ctx) {
            String zone = ctx.queryParams().get("zone");
            Future.fromCompletionStage(
                            publications.statusSnapshot(zone), ctx.vertx().getOrCreateContext())
                    .onSuccess(snapshot -> respond(ctx, snapshot))
                    .onFailure(ctx::fail);
        }

        private void respond(RoutingContext ctx, StatusSnapshot snapshot) {
            String etag = "\"" + snapshot.version() + "\"";
            Instant lastModified = snapshot.lastModified().truncatedTo(ChronoUnit.SECONDS);
            ctx.response()
                    .putHeader("ETag", etag)
                    .putHeader("Last-Modified", httpDate(lastModified))
                    .putHeader("Cache-Control", "no-cache");
            String ifNoneMatch = ctx.request().getHeader("If-None-Match");
            boolean unchanged = ifNoneMatch != null
                    ? Etags.matches(ifNoneMatch, etag)
                    : notModifiedSince(ctx.request().getHeader("If-Modified-Since"), lastModified);
            if (unchanged) {
                ctx.response().setStatusCode(304).end();
                return;
            }
            respondXml(ctx, out -> publications.writeStatus(snapshot, clock.instant(), out));
        }

        /** RFC 9110: a date the client sent that is not before the last change; an unreadable one is ignored. */
        private static boolean notModifiedSince(String header, Instant lastModified) {
            if (header == null) {
                return false;
            }
            try {
                Instant since = ZonedDateTime.parse(header.trim(), DateTimeFormatter.RFC_1123_DATE_TIME)
                        .toInstant();
                return !lastModified.isAfter(since);
            } catch (DateTimeParseException e) {
                return false;
            }
        }

        private static String httpDate(Instant instant) {
            return DateTimeFormatter.RFC_1123_DATE_TIME.format(instant.atZone(ZoneOffset.UTC));
        }
    }

    /**
     * {@code POST /v1/datex2/parking-status}: a lot operator for its own lots, the bureau for any.
     * Answers 200 with one outcome per record whatever became of each; 400 only when the body is
     * not XML or not a status publication.
     */
    public static final class PostStatus implements Handler<RoutingContext> {
        private final Datex2StatusImport statusImport;
        private final Clock clock;

        public PostStatus(Datex2StatusImport statusImport, Clock clock) {
            this.statusImport = statusImport;
            this.clock = clock;
        }

        @Override
        public void handle(RoutingContext ctx) {
            Principal caller = Authentication.requireRole(ctx, Role.BUREAU, Role.OPERATOR);
            Buffer body = ctx.body().buffer();
            if (body == null || body.length() == 0) {
                throw new ProblemException(
                        Problem.invalidField("body", "a DATEX II ParkingStatusPublication (XML) is required"));
            }
            ctx.vertx()
                    .executeBlocking(() -> Datex2StatusReader.read(new ByteArrayInputStream(body.getBytes())), false)
                    .compose(document -> Future.fromCompletionStage(
                            statusImport.importStatus(caller, document, clock.instant()),
                            ctx.vertx().getOrCreateContext()))
                    .onSuccess(report -> ctx.json(json(report)))
                    .onFailure(ctx::fail);
        }

        static JsonObject json(Report report) {
            JsonArray records = new JsonArray();
            for (Outcome o : report.outcomes()) {
                JsonObject record = new JsonObject()
                        .put("index", o.index())
                        .put("result", o.result().wire());
                putIfPresent(record, "reference", o.reference());
                putIfPresent(record, "lotId", o.lotId());
                putIfPresent(record, "occupied", o.occupied());
                putIfPresent(record, "at", o.at() == null ? null : o.at().toString());
                putIfPresent(record, "reason", o.reason());
                putIfPresent(record, "note", o.note());
                records.add(record);
            }
            JsonObject counts = new JsonObject();
            for (Result result : Result.values()) {
                counts.put(result.wire(), report.count(result));
            }
            JsonObject json = new JsonObject()
                    .put("model", report.model() == Datex2StatusReader.Model.SITE ? "v3.0-site" : "v3.7-facility");
            putIfPresent(
                    json,
                    "publicationTime",
                    report.publicationTime() == null
                            ? null
                            : report.publicationTime().toString());
            return json.put("counts", counts).put("records", records);
        }

        private static void putIfPresent(JsonObject json, String field, Object value) {
            if (value != null) {
                json.put(field, value);
            }
        }
    }
}
