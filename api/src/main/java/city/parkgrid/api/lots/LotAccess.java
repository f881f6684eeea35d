package city.parkgrid.api.lots;

import city.parkgrid.access.Principal;
import city.parkgrid.api.http.Authentication;
import city.parkgrid.api.http.Problem;
import city.parkgrid.api.http.ProblemException;
import city.parkgrid.lots.Lot;
import city.parkgrid.lots.LotCatalog;
import io.vertx.ext.web.RoutingContext;

/** Resolves the lot in the path and checks that the caller operates it: 404, then 403. */
public final class LotAccess {

    private LotAccess() {}

    public static Lot requireOperatedLot(RoutingContext ctx, LotCatalog lots) {
        Lot lot = GetLotHandler.requireLot(lots, ctx.pathParam("lotId"));
        Principal caller = Authentication.principal(ctx);
        if (!caller.operates(lot)) {
            throw new ProblemException(Problem.forbidden(
                    "lot '" + lot.id() + "' is operated by " + lot.operatorId() + ", not by " + caller.describe()));
        }
        return lot;
    }
}
