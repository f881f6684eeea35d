package city.parkgrid.api.allocation;

import city.parkgrid.NotFoundException;
import city.parkgrid.access.Principal;
import city.parkgrid.access.Role;
import city.parkgrid.api.http.Authentication;
import city.parkgrid.api.http.Problem;
import city.parkgrid.api.http.ProblemException;
import city.parkgrid.occupancy.Hold;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;

/** A driver sees and cancels only their own allocations; the bureau's duty officers see all. */
final class AllocationAccess {

    private AllocationAccess() {}

    static Principal requireCaller(RoutingContext ctx) {
        return Authentication.requireRole(ctx, Role.DRIVER, Role.BUREAU);
    }

    /** The allocation if it exists and the caller may see it: 404, then 403. */
    static Hold visible(Principal caller, String id, Optional<Hold> found) {
        Hold hold = found.orElseThrow(() -> new NotFoundException("allocation", id));
        if (caller.role() == Role.DRIVER && !caller.id().equals(hold.driverId())) {
            throw new ProblemException(Problem.forbidden("allocation '" + id + "' belongs to another driver"));
        }
        return hold;
    }
}
