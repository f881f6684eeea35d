package city.parkgrid.api.http;

import city.parkgrid.InvalidInputException;
import city.parkgrid.access.AccessDeniedException;
import city.parkgrid.accounts.AccountService;
import city.parkgrid.accounts.PlateBoundException;
import city.parkgrid.accounts.postgres.AccountStorageException;
import city.parkgrid.allocation.PlateBusyException;
import city.parkgrid.catalog.postgis.GeographyStorageException;
import city.parkgrid.occupancy.UnregisteredLotException;
import city.parkgrid.regions.PlateTakenException;
import city.parkgrid.zones.control.ControlConflictException;
import io.lettuce.core.RedisException;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns every failure into a problem document, so that clients always get
 * {@code application/problem+json} with a status they can act on. Unexpected failures are logged
 * here, once, with the request path; their details do not leak to the client.
 */
public final class ProblemFailureHandler implements Handler<RoutingContext> {

    private static final Logger LOG = LoggerFactory.getLogger(ProblemFailureHandler.class);

    @Override
    public void handle(RoutingContext ctx) {
        respond(ctx, toProblem(ctx));
    }

    /** Also used by the router's error handlers for requests that matched no route. */
    static void respond(RoutingContext ctx, Problem problem) {
        if (ctx.response().headWritten()) {
            ctx.request().connection().close();
            return;
        }
        if (problem.status() == 401) {
            ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"parkgrid\"");
        }
        ctx.response()
                .setStatusCode(problem.status())
                .putHeader("Content-Type", Problem.MEDIA_TYPE)
                .end(problem.toJson(ctx.request().path()).encode());
    }

    private static Problem toProblem(RoutingContext ctx) {
        Throwable failure = ctx.failure();
        if (failure instanceof CompletionException && failure.getCause() != null) {
            failure = failure.getCause();
        }
        if (failure instanceof ProblemException pe) {
            return pe.problem();
        }
        Problem refusal = refusal(failure);
        if (refusal != null) {
            return refusal;
        }
        if (failure instanceof InvalidInputException invalid) {
            return Problem.invalidField(invalid.field(), invalid.getMessage());
        }
        if (failure instanceof AccessDeniedException denied) {
            return new Problem(403, "forbidden", "Not allowed for this caller", denied.getMessage(), denied.field());
        }
        int status = ctx.statusCode();
        if (failure == null || status == 404 || status == 405 || status == 413 || status == 400) {
            return switch (status) {
                case 404 -> Problem.notFound("no resource at " + ctx.request().path());
                case 405 -> Problem.methodNotAllowed(
                        ctx.request().method() + " is not supported on " + ctx.request().path());
                case 413 -> Problem.tooLarge("the request body exceeds 1 MiB");
                case 400 -> Problem.malformedJson(failure == null ? "bad request" : failure.getMessage());
                default -> internal();
            };
        }
        if (failure instanceof RedisException || failure instanceof TimeoutException
                || failure instanceof AccountStorageException || failure instanceof GeographyStorageException
                || failure instanceof UnregisteredLotException) {
            // a backing service failed or is not ready: nothing was half-applied, so a resend is safe
            LOG.warn("backing service failed on {} {}: {}", ctx.request().method(), ctx.request().path(),
                    failure.toString());
            return Problem.unavailable("a backing service did not answer; nothing was changed, retry shortly");
        }
        LOG.error("unexpected failure on {} {}", ctx.request().method(), ctx.request().path(), failure);
        return internal();
    }

    /** The domain's refusals of a request that conflicts with the state of things: 409s naming why. */
    private static Problem refusal(Throwable failure) {
        if (failure instanceof PlateBusyException busy) {
            return new Problem(409, "plate-busy", "Another allocation for this plate is under way", busy.getMessage(), "plate");
        }
        if (failure instanceof PlateBoundException bound) {
            return new Problem(409, "plate-bound", "Plate bound to another account", bound.getMessage(), "plates");
        }
        if (failure instanceof AccountService.PlateInUseException inUse) {
            return new Problem(409, "plate-in-use", "Plate parked now", inUse.getMessage(), "plate");
        }
        if (failure instanceof AccountService.AccountExistsException exists) {
            return new Problem(409, "account-exists", "Account exists", exists.getMessage(), null);
        }
        if (failure instanceof PlateTakenException taken) {
            return new Problem(409, "plate-taken", "Plate already registered", taken.getMessage(), "plates");
        }
        if (failure instanceof ControlConflictException conflict) {
            return new Problem(409, "control-conflict", "Conflicts with the bureau's control", conflict.getMessage(), "status");
        }
        return null;
    }

    private static Problem internal() {
        return new Problem(500, "internal", "Internal error",
                "the platform failed unexpectedly; the failure is logged", null);
    }
}
