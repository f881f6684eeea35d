package city.parkgrid.api.lots;

import city.parkgrid.access.Principal;
import city.parkgrid.access.Role;
import city.parkgrid.api.http.Authentication;
import city.parkgrid.api.http.JsonInput;
import city.parkgrid.api.http.Problem;
import city.parkgrid.api.http.ProblemException;
import city.parkgrid.catalog.CatalogChanges;
import city.parkgrid.geo.GeoPoint;
import city.parkgrid.lots.LotCatalog;
import city.parkgrid.lots.LotEdit;
import city.parkgrid.lots.LotKind;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code PUT /v1/lots/{lotId}}: the bureau registers or moves a lot, an operator renames or resizes
 * one of its own; {@link CatalogChanges#putLot} says who may change which field.
 */
public final class PutLotHandler implements Handler<RoutingContext> {

    private final LotCatalog lots;
    private final CatalogChanges catalog;

    public PutLotHandler(LotCatalog lots, CatalogChanges catalog) {
        this.lots = lots;
        this.catalog = catalog;
    }

    @Override
    public void handle(RoutingContext ctx) {
        Principal caller = Authentication.requireRole(ctx, Role.BUREAU, Role.OPERATOR);
        if (caller.role() == Role.OPERATOR) {
            LotAccess.requireOperatedLot(ctx, lots);
        }
        String id = ctx.pathParam("lotId");
        LotEdit edit = edit(JsonInput.object(ctx.body().buffer()));
        ctx.vertx()
                .executeBlocking(() -> catalog.putLot(caller, id, edit), false)
                .onSuccess(put -> ctx.response()
                        .setStatusCode(put.created() ? 201 : 200)
                        .putHeader("Content-Type", "application/json")
                        .end(LotJson.lot(put.lot(), put.occupancy()).encode()))
                .onFailure(ctx::fail);
    }

    private static LotEdit edit(JsonObject body) {
        return new LotEdit(
                body.fieldNames(),
                optional(body, "nameZh") ? JsonInput.requiredString(body, "nameZh", "nameZh") : null,
                optional(body, "nameEn") ? JsonInput.requiredString(body, "nameEn", "nameEn") : null,
                optional(body, "operatorId") ? JsonInput.requiredString(body, "operatorId", "operatorId") : null,
                optional(body, "kind") ? JsonInput.requiredEnum(body, "kind", "kind", LotKind.class) : null,
                optional(body, "location") ? location(body) : null,
                optional(body, "capacity") ? JsonInput.requiredInt(body, "capacity", "capacity") : null,
                optional(body, "externalIds") ? externalIds(body) : null);
    }

    /** {@code {"datex2": "NL-12_408"}}: scheme → id, every id a string. */
    private static Map<String, String> externalIds(JsonObject body) {
        JsonObject ids = JsonInput.object(body.getValue("externalIds"), "externalIds");
        Map<String, String> result = new LinkedHashMap<>();
        for (String scheme : ids.fieldNames()) {
            result.put(scheme, JsonInput.requiredString(ids, scheme, "externalIds." + scheme));
        }
        return result;
    }

    private static boolean optional(JsonObject body, String field) {
        return body.getValue(field) != null;
    }

    private static GeoPoint location(JsonObject body) {
        JsonObject location = JsonInput.object(body.getValue("location"), "location");
        try {
            return GeoPoint.of(requiredNumber(location, "lat"), requiredNumber(location, "lon"));
        } catch (IllegalArgumentException e) {
            throw new ProblemException(Problem.invalidField("location", e.getMessage()));
        }
    }

    private static double requiredNumber(JsonObject json, String name) {
        Object value = json.getValue(name);
        if (!(value instanceof Number number)) {
            throw new ProblemException(Problem.invalidField("location." + name, "must be a number of degrees"));
        }
        return number.doubleValue();
    }
}
