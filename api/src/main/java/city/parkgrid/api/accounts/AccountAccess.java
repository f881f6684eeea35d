package city.parkgrid.api.accounts;

import city.parkgrid.NotFoundException;
import city.parkgrid.access.Principal;
import city.parkgrid.access.Role;
import city.parkgrid.api.http.Authentication;
import city.parkgrid.api.http.Problem;
import city.parkgrid.api.http.ProblemException;
import io.vertx.ext.web.RoutingContext;

/** A driver acts on their own account only (its id is the driver's id); the bureau on all. */
final class AccountAccess {

    private AccountAccess() {}

    /** The account id in the path, if the caller may use it; otherwise a 403 problem. */
    static String requireOwnAccount(RoutingContext ctx) {
        Principal caller = Authentication.requireRole(ctx, Role.DRIVER, Role.BUREAU);
        String accountId = ctx.pathParam("accountId");
        if (caller.role() == Role.DRIVER && !caller.id().equals(accountId)) {
            throw new ProblemException(
                    Problem.forbidden("account '" + accountId + "' is not " + caller.describe() + "'s"));
        }
        return accountId;
    }

    static NotFoundException notFound(String accountId) {
        return new NotFoundException("account", accountId);
    }
}
