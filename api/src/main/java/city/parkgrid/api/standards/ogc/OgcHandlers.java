package city.parkgrid.api.standards.ogc;

import city.parkgrid.NotFoundException;
import city.parkgrid.api.http.GeoJson;
import city.parkgrid.api.http.Problem;
import city.parkgrid.api.http.ProblemException;
import city.parkgrid.api.http.QueryParams;
import city.parkgrid.geo.GeoJsonGeometries;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;

/**
 * OGC API – Features Part 1 (Core, GeoJSON) under {@code /ogc}, read by GIS tools (QGIS through
 * GDAL's OAPIF driver). Read-only and open to all, like the lots and zones they show.
 */
public final class OgcHandlers {

    /** The conformance classes served: Core and GeoJSON (the OpenAPI document is 3.1, not the 3.0 of oas30). */
    static final List<String> CONFORMANCE = List.of(
            "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
            "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson");

    static final String CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84";
    static final int DEFAULT_LIMIT = 10;
    /** A larger {@code limit} is served as this many, with a {@code next} link (as OGC recommends), not refused. */
    static final int MAX_LIMIT = 1_000;

    private static final String JSON = "application/json";

    private OgcHandlers() {}

    /** {@code GET /ogc}: the landing page. */
    public static final class Landing implements Handler<RoutingContext> {
        @Override
        public void handle(RoutingContext ctx) {
            String base = base(ctx);
            JsonObject page = new JsonObject()
                    .put("title", "ParkGrid")
                    .put("description", "Shanghai's parking lots, parking units and regions with live occupancy.")
                    .put(
                            "links",
                            new JsonArray()
                                    .add(link(base + "/ogc", "self", JSON, "this document"))
                                    // one service-desc only, in JSON: GDAL reads no other, and drops the link among
                                    // several
                                    .add(link(
                                            base + "/openapi.json",
                                            "service-desc",
                                            "application/vnd.oai.openapi+json;version=3.1",
                                            "the API definition (OpenAPI 3.1; also as YAML at /openapi.yaml)"))
                                    .add(link(base + "/ogc/conformance", "conformance", JSON, "conformance classes"))
                                    .add(link(base + "/ogc/collections", "data", JSON, "the feature collections")));
            json(ctx, page);
        }
    }

    /** {@code GET /ogc/conformance}. */
    public static final class Conformance implements Handler<RoutingContext> {
        @Override
        public void handle(RoutingContext ctx) {
            json(ctx, new JsonObject().put("conformsTo", new JsonArray(CONFORMANCE)));
        }
    }

    /** {@code GET /ogc/collections}. */
    public static final class Collections implements Handler<RoutingContext> {
        private final OgcCollections collections;

        public Collections(OgcCollections collections) {
            this.collections = collections;
        }

        @Override
        public void handle(RoutingContext ctx) {
            String base = base(ctx);
            JsonArray all = new JsonArray();
            collections.all().forEach(c -> all.add(describe(base, c)));
            json(
                    ctx,
                    new JsonObject()
                            .put("links", new JsonArray().add(link(base + "/ogc/collections", "self", JSON, null)))
                            .put("collections", all));
        }
    }

    /** {@code GET /ogc/collections/{collectionId}}. */
    public static final class Collection implements Handler<RoutingContext> {
        private final OgcCollections collections;

        public Collection(OgcCollections collections) {
            this.collections = collections;
        }

        @Override
        public void handle(RoutingContext ctx) {
            json(ctx, describe(base(ctx), collections.require(ctx.pathParam("collectionId"))));
        }
    }

    /** {@code GET /ogc/collections/{collectionId}/items?bbox=&limit=&offset=}: one page, with a {@code next} link. */
    public static final class Items implements Handler<RoutingContext> {
        private final OgcCollections collections;
        private final Clock clock;

        public Items(OgcCollections collections, Clock clock) {
            this.collections = collections;
            this.clock = clock;
        }

        @Override
        public void handle(RoutingContext ctx) {
            OgcCollection<?> collection = collections.require(ctx.pathParam("collectionId"));
            String bboxText = ctx.queryParams().get("bbox");
            Geometry bbox = bboxText == null ? null : parseBbox(bboxText);
            int limit = Math.min(MAX_LIMIT, QueryParams.integer(ctx, "limit", DEFAULT_LIMIT, 1, Integer.MAX_VALUE));
            int offset = QueryParams.integer(ctx, "offset", 0, 0, Integer.MAX_VALUE);
            page(ctx, collection, bbox, bboxText, limit, offset);
        }

        private <T> void page(
                RoutingContext ctx,
                OgcCollection<T> collection,
                Geometry bbox,
                String bboxText,
                int limit,
                int offset) {
            List<T> matched = collection.matching(bbox);
            List<T> page = QueryParams.page(matched, offset, limit);
            String timeStamp = clock.instant().toString();
            collection
                    .page(ctx.vertx(), page)
                    .onSuccess(features -> {
                        String items = base(ctx) + "/ogc/collections/" + collection.id() + "/items";
                        JsonArray links = new JsonArray()
                                .add(link(pageUrl(items, bboxText, limit, offset), "self", GeoJson.MEDIA_TYPE, null));
                        if ((long) offset + page.size() < matched.size()) {
                            links.add(link(
                                    pageUrl(items, bboxText, limit, offset + page.size()),
                                    "next",
                                    GeoJson.MEDIA_TYPE,
                                    "the next page"));
                        }
                        if (offset > 0) {
                            links.add(link(
                                    pageUrl(items, bboxText, limit, Math.max(0, offset - limit)),
                                    "prev",
                                    GeoJson.MEDIA_TYPE,
                                    "the previous page"));
                        }
                        links.add(link(base(ctx) + "/ogc/collections/" + collection.id(), "collection", JSON, null));
                        geoJson(
                                ctx,
                                GeoJson.collection(new JsonArray(features))
                                        .put("timeStamp", timeStamp)
                                        .put("numberMatched", matched.size())
                                        .put("numberReturned", features.size())
                                        .put("links", links));
                    })
                    .onFailure(ctx::fail);
        }
    }

    /** {@code GET /ogc/collections/{collectionId}/items/{featureId}}. */
    public static final class Item implements Handler<RoutingContext> {
        private final OgcCollections collections;

        public Item(OgcCollections collections) {
            this.collections = collections;
        }

        @Override
        public void handle(RoutingContext ctx) {
            OgcCollection<?> collection = collections.require(ctx.pathParam("collectionId"));
            String featureId = ctx.pathParam("featureId");
            collection
                    .item(ctx.vertx(), featureId)
                    .onSuccess(found -> found.ifPresentOrElse(
                            feature -> {
                                String self = base(ctx) + "/ogc/collections/" + collection.id() + "/items/" + featureId;
                                geoJson(
                                        ctx,
                                        feature.put(
                                                "links",
                                                new JsonArray()
                                                        .add(link(self, "self", GeoJson.MEDIA_TYPE, null))
                                                        .add(link(
                                                                base(ctx) + "/ogc/collections/" + collection.id(),
                                                                "collection",
                                                                JSON,
                                                                null))));
                            },
                            () -> ctx.fail(new NotFoundException(
                                    "feature",
                                    featureId,
                                    "collection '" + collection.id() + "' has no feature '" + featureId + "'"))))
                    .onFailure(ctx::fail);
        }
    }

    private static JsonObject describe(String base, OgcCollection<?> c) {
        String self = base + "/ogc/collections/" + c.id();
        JsonObject json = new JsonObject()
                .put("id", c.id())
                .put("title", c.title())
                .put("description", c.description())
                .put("itemType", "feature")
                .put("crs", new JsonArray().add(CRS84))
                .put(
                        "links",
                        new JsonArray()
                                .add(link(self, "self", JSON, null))
                                .add(link(self + "/items", "items", GeoJson.MEDIA_TYPE, c.title())));
        Envelope extent = c.extent();
        if (extent != null) {
            json.put(
                    "extent",
                    new JsonObject()
                            .put(
                                    "spatial",
                                    new JsonObject()
                                            .put(
                                                    "bbox",
                                                    new JsonArray()
                                                            .add(new JsonArray()
                                                                    .add(extent.getMinX())
                                                                    .add(extent.getMinY())
                                                                    .add(extent.getMaxX())
                                                                    .add(extent.getMaxY())))
                                            .put("crs", CRS84)));
        }
        return json;
    }

    /**
     * {@code minLon,minLat,maxLon,maxLat} in CRS84 (or six numbers with heights, which are
     * ignored); a box across the antimeridian is refused: the city lies nowhere near it.
     */
    static Geometry parseBbox(String text) {
        String[] parts = text.split(",", -1);
        if (parts.length != 4 && parts.length != 6) {
            throw badBbox("must be 4 numbers minLon,minLat,maxLon,maxLat (or 6 with heights), was '" + text + "'");
        }
        double[] v = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                v[i] = Double.parseDouble(parts[i].trim());
            } catch (NumberFormatException e) {
                throw badBbox("'" + parts[i] + "' is not a number");
            }
            if (!Double.isFinite(v[i])) {
                throw badBbox("'" + parts[i] + "' is not a finite number");
            }
        }
        int half = parts.length / 2;
        double minLon = v[0];
        double minLat = v[1];
        double maxLon = v[half];
        double maxLat = v[half + 1];
        if (minLon < -180 || maxLon > 180 || minLat < -90 || maxLat > 90) {
            throw badBbox("longitudes must lie in [-180, 180] and latitudes in [-90, 90]");
        }
        if (minLat > maxLat) {
            throw badBbox("the lower latitude " + minLat + " is above the upper " + maxLat);
        }
        if (minLon > maxLon) {
            throw badBbox(
                    "a box across the antimeridian (minLon " + minLon + " > maxLon " + maxLon + ") is not supported");
        }
        return GeoJsonGeometries.FACTORY.toGeometry(new Envelope(minLon, maxLon, minLat, maxLat));
    }

    private static ProblemException badBbox(String detail) {
        return new ProblemException(Problem.invalidField("bbox", detail));
    }

    private static String pageUrl(String items, String bbox, int limit, int offset) {
        StringBuilder url = new StringBuilder(items).append("?limit=").append(limit);
        if (offset > 0) {
            url.append("&offset=").append(offset);
        }
        if (bbox != null) {
            url.append("&bbox=").append(URLEncoder.encode(bbox, StandardCharsets.UTF_8));
        }
        return url.toString();
    }

    /** Links are absolute, as the request reached us (scheme and Host), so a client follows them as given. */
    private static String base(RoutingContext ctx) {
        URI uri = URI.create(ctx.request().absoluteURI());
        return uri.getScheme() + "://" + uri.getRawAuthority();
    }

    private static JsonObject link(String href, String rel, String type, String title) {
        JsonObject link = new JsonObject().put("href", href).put("rel", rel).put("type", type);
        if (title != null) {
            link.put("title", title);
        }
        return link;
    }

    private static void json(RoutingContext ctx, JsonObject body) {
        ctx.response().putHeader("Content-Type", JSON).end(body.encode());
    }

    private static void geoJson(RoutingContext ctx, JsonObject body) {
        ctx.response().putHeader("Content-Type", GeoJson.MEDIA_TYPE).end(body.encode());
    }
}
