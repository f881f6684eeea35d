package city.parkgrid.api.http;

import city.parkgrid.ConflictException;
import city.parkgrid.InvalidInputException;
import city.parkgrid.NotFoundException;
import city.parkgrid.StorageUnavailableException;
import city.parkgrid.TooManyRequestsException;
import city.parkgrid.access.AccessDeniedException;
import city.parkgrid.occupancy.UnregisteredLotException;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns every failure into a problem document, so that clients always get
 * {@code application/problem+json} with a status they can act on. Unexpected failures are logged
 * here, once, with the request path; their details do not leak to the client.
 *
 * <p>It knows the domain's failures only: adapters translate their own (a refused connection, a
 * Lettuce timeout) into {@link StorageUnavailableException} before they get here.
 */
public final class ProblemFailureHandler implements Handler<RoutingContext> {

    private static final Logger LOG = LoggerFactory.getLogger(ProblemFailureHandler.class);

    /**
     * Seconds a client should wait before resending after a 503. A failover or restart of
     * PostgreSQL or Redis takes seconds: sooner would only add load to a store that is coming back
     * (and, for PostgreSQL, meet the open circuit breaker), much later would hold up gate events
     * for no reason.
     */
    static final int RETRY_AFTER_SECONDS = 5;

    @Override
    public void handle(RoutingContext ctx) {
        respond(ctx, toProblem(ctx));
    }

    /** Also used by the router's error handlers for requests that matched no route. */
    static void respond(RoutingContext ctx, Problem problem) {
        write(ctx.request(), problem);
    }

    /**
     * Answers the request with the problem and the headers its status calls for; a response
     * already under way can only be cut off. Also used where no route has run (a request timeout).
     */
    static Future<Void> write(HttpServerRequest request, Problem problem) {
        return write(request, problem, request.path());
    }

    /** As {@link #write(HttpServerRequest, Problem)}, naming {@code instance} (null: none). */
    static Future<Void> write(HttpServerRequest request, Problem problem, String instance) {
        HttpServerResponse response = request.response();
        if (response.headWritten()) {
            request.connection().close();
            return Future.succeededFuture();
        }
        if (problem.status() == 401) {
            response.putHeader("WWW-Authenticate", "Bearer realm=\"parkgrid\"");
        }
        if (problem.status() == 503) {
            response.putHeader("Retry-After", Integer.toString(RETRY_AFTER_SECONDS));
        }
        if (problem.status() == 429 && problem.extensions() != null) {
            response.putHeader(
                    "Retry-After", String.valueOf(problem.extensions().getValue("retryAfterSeconds")));
        }
        return response.setStatusCode(problem.status())
                .putHeader("Content-Type", Problem.MEDIA_TYPE)
                .end(problem.toJson(instance).encode());
    }

    private static Problem toProblem(RoutingContext ctx) {
        Throwable failure = unwrap(ctx.failure());
        Problem named = domainProblem(failure);
        if (named != null) {
            return named;
        }
        int status = ctx.statusCode();
        if (failure == null || status == 404 || status == 405 || status == 413 || status == 400) {
            return switch (status) {
                case 404 -> Problem.notFound("no resource at " + ctx.request().path());
                case 405 ->
                    Problem.methodNotAllowed(ctx.request().method() + " is not supported on "
                            + ctx.request().path());
                case 413 -> Problem.tooLarge("the request body exceeds 1 MiB");
                // Vert.x's own 400s (a body it could not decode, a malformed percent-escape): its
                // messages name its classes and repeat the input, so the client gets ours
                case 400 -> badRequest(ctx, failure);
                default -> internal();
            };
        }
        return unavailableOrInternal(
                failure, ctx.request().method() + " " + ctx.request().path());
    }

    private static Problem badRequest(RoutingContext ctx, Throwable failure) {
        if (failure instanceof IllegalArgumentException
                && String.valueOf(failure.getMessage()).contains("escape")) {
            return malformedEscape();
        }
        return Problem.malformedJson(failure == null ? "bad request" : failure.getMessage());
    }

    /** A {@code %} not followed by two hex digits, or escapes that do not spell UTF-8. */
    static Problem malformedEscape() {
        return new Problem(
                400,
                "malformed-uri",
                "The request URI is malformed",
                "the path or query has a malformed percent-escape (% must be followed by two hex digits,"
                        + " and the escapes must spell UTF-8)",
                null);
    }

    /**
     * The problem for a failure outside HTTP (the event bus answers with its status and detail):
     * the same mapping as for a request, so a refusal means the same whichever way it was asked.
     */
    public static Problem problemOf(Throwable thrown, String where) {
        Throwable failure = unwrap(thrown);
        Problem named = domainProblem(failure);
        if (named != null) {
            return named;
        }
        if (failure instanceof IllegalArgumentException) {
            // a bus message has no schema in front of it: a bad argument is the sender's
            return Problem.invalidField(null, failure.getMessage());
        }
        return unavailableOrInternal(failure, where);
    }

    /**
     * A backing service failed or is not ready: nothing was half-applied, so a resend is safe
     * (503). Anything else is a bug (500), logged with its stack.
     */
    private static Problem unavailableOrInternal(Throwable failure, String where) {
        if (unavailable(failure)) {
            LOG.warn("backing service failed on {}: {}", where, failure.toString());
            return Problem.unavailable("a backing service did not answer; nothing was changed, retry shortly");
        }
        LOG.error("unexpected failure on {}", where, failure);
        return internal();
    }

    /** The failure itself, out of the wrappers that futures put around it. */
    private static Throwable unwrap(Throwable failure) {
        Throwable inner = failure;
        while ((inner instanceof CompletionException || inner instanceof ExecutionException)
                && inner.getCause() != null
                && inner.getCause() != inner) {
            inner = inner.getCause();
        }
        return inner;
    }

    /** The problem for a failure the domain names, or null for any other. */
    private static Problem domainProblem(Throwable failure) {
        if (failure instanceof ProblemException pe) {
            return pe.problem();
        }
        if (failure instanceof AccessDeniedException denied) {
            return new Problem(403, "forbidden", "Not allowed for this caller", denied.getMessage(), denied.field());
        }
        if (failure instanceof ConflictException conflict) {
            // the domain's refusals of a request that conflicts with the state of things
            return new Problem(409, conflict.kind(), conflict.title(), conflict.getMessage(), conflict.field());
        }
        if (failure instanceof TooManyRequestsException tooMany) {
            return new Problem(429, "too-many-requests", "Too many requests", tooMany.getMessage(), null)
                    .with("retryAfterSeconds", tooMany.retryAfter().toSeconds());
        }
        if (failure instanceof InvalidInputException invalid) {
            return Problem.invalidField(invalid.field(), invalid.getMessage());
        }
        if (failure instanceof NotFoundException missing) {
            return Problem.notFound(missing.getMessage());
        }
        return null;
    }

    /**
     * A store is out of reach, or the occupancy store has not been told of a lot yet (it is being
     * registered, or Redis lost its data): either way the request may be sent again shortly.
     */
    private static boolean unavailable(Throwable failure) {
        return failure instanceof StorageUnavailableException
                || failure instanceof UnregisteredLotException
                || failure instanceof TimeoutException;
    }

    private static Problem internal() {
        return new Problem(
                500, "internal", "Internal error", "the platform failed unexpectedly; the failure is logged", null);
    }
}
