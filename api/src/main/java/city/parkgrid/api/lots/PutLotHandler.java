package city.parkgrid.api.lots;

import city.parkgrid.access.Principal;
import city.parkgrid.access.Role;
import city.parkgrid.api.Platform;
import city.parkgrid.api.http.Authentication;
import city.parkgrid.api.http.JsonInput;
import city.parkgrid.api.http.Problem;
import city.parkgrid.api.http.ProblemException;
import city.parkgrid.geo.GeoPoint;
import city.parkgrid.lots.Lot;
import city.parkgrid.lots.LotKind;
import city.parkgrid.occupancy.LotOccupancy;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;

/**
 * {@code PUT /v1/lots/{lotId}}. The bureau registers or moves a lot (every field); an operator may
 * change only the names and the capacity of its own lots. The lot's zone follows from where its
 * entrance is. The capacity is registered with live occupancy at once.
 */
public final class PutLotHandler implements Handler<RoutingContext> {

    private static final Set<String> OPERATOR_FIELDS = Set.of("nameZh", "nameEn", "capacity");

    private final Platform platform;

    public PutLotHandler(Platform platform) {
        this.platform = platform;
    }

    @Override
    public void handle(RoutingContext ctx) {
        Principal caller = Authentication.requireRole(ctx, Role.BUREAU, Role.OPERATOR);
        String id = ctx.pathParam("lotId");
        JsonObject body = JsonInput.object(ctx.body().buffer());
        Lot lot = caller.role() == Role.BUREAU
                ? fromBureau(id, body)
                : fromOperator(LotAccess.requireOperatedLot(ctx, platform.geography()), body);
        ctx.vertx().executeBlocking(() -> {
            boolean created = platform.geographyStore().putLot(lot);
            platform.reloadGeography();
            return created;
        }, false).compose(created -> {
            Lot stored = platform.geography().findLot(id).orElseThrow();
            return Future.fromCompletionStage(platform.occupancy().store().findOccupancy(id), ctx.vertx().getOrCreateContext())
                    .onSuccess(found -> ctx.response().setStatusCode(created ? 201 : 200)
                            .putHeader("Content-Type", "application/json")
                            .end(LotJson.lot(stored, found.orElse(LotOccupancy.empty(id, stored.capacity()))).encode()));
        }).onFailure(ctx::fail);
    }

    private static Lot fromBureau(String id, JsonObject body) {
        JsonObject location = JsonInput.object(body.getValue("location"), "location");
        GeoPoint entrance;
        try {
            entrance = GeoPoint.of(requiredNumber(location, "lat"), requiredNumber(location, "lon"));
        } catch (IllegalArgumentException e) {
            throw new ProblemException(Problem.invalidField("location", e.getMessage()));
        }
        return new Lot(id,
                JsonInput.requiredString(body, "nameZh", "nameZh"),
                JsonInput.requiredString(body, "nameEn", "nameEn"),
                JsonInput.requiredString(body, "operatorId", "operatorId"),
                null,
                JsonInput.requiredEnum(body, "kind", "kind", LotKind.class),
                entrance,
                JsonInput.requiredInt(body, "capacity", "capacity"));
    }

    private static Lot fromOperator(Lot lot, JsonObject body) {
        for (String field : body.fieldNames()) {
            if (!OPERATOR_FIELDS.contains(field)) {
                throw new ProblemException(new Problem(403, "forbidden", "Not allowed for this caller",
                        "operators may change only nameZh, nameEn and capacity; '" + field + "' is the bureau's", field));
            }
        }
        return new Lot(lot.id(),
                body.getValue("nameZh") == null ? lot.nameZh() : JsonInput.requiredString(body, "nameZh", "nameZh"),
                body.getValue("nameEn") == null ? lot.nameEn() : JsonInput.requiredString(body, "nameEn", "nameEn"),
                lot.operatorId(), null, lot.kind(), lot.entrance(),
                body.getValue("capacity") == null ? lot.capacity() : JsonInput.requiredInt(body, "capacity", "capacity"));
    }

    private static double requiredNumber(JsonObject json, String name) {
        Object value = json.getValue(name);
        if (!(value instanceof Number number)) {
            throw new ProblemException(Problem.invalidField("location." + name, "must be a number of degrees"));
        }
        return number.doubleValue();
    }
}
