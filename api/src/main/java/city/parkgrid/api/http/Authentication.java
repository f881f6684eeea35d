package city.parkgrid.api.http;

import city.parkgrid.access.Authenticator;
import city.parkgrid.access.Principal;
import city.parkgrid.access.Role;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Requires {@code Authorization: Bearer <token>} and puts the caller into the routing context
 * for the handlers behind it. What a caller may do is each handler's business, since it depends on
 * the resource (an operator writes only its own lots).
 */
public final class Authentication implements Handler<RoutingContext> {

    private static final String PRINCIPAL = "parkgrid.principal";
    private static final String BEARER = "Bearer ";

    private final Authenticator authenticator;
    private final boolean optional;

    private Authentication(Authenticator authenticator, boolean optional) {
        this.authenticator = authenticator;
        this.optional = optional;
    }

    /** A token is required. */
    public static Authentication required(Authenticator authenticator) {
        return new Authentication(authenticator, false);
    }

    /** Anyone may call; a token, when sent, must be valid, and then identifies the caller. */
    public static Authentication optional(Authenticator authenticator) {
        return new Authentication(authenticator, true);
    }

    @Override
    public void handle(RoutingContext ctx) {
        String header = ctx.request().getHeader("Authorization");
        if (header == null && optional) {
            ctx.next();
            return;
        }
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            ctx.fail(new ProblemException(Problem.unauthenticated("send Authorization: Bearer <token>")));
            return;
        }
        String token = header.substring(BEARER.length()).trim();
        authenticator
                .authenticate(token)
                .ifPresentOrElse(
                        principal -> {
                            ctx.put(PRINCIPAL, principal);
                            ctx.next();
                        },
                        () -> ctx.fail(
                                new ProblemException(Problem.unauthenticated("the bearer token is not recognised"))));
    }

    /** The caller, if it has one of the roles; otherwise a 403 problem naming who may. */
    public static Principal requireRole(RoutingContext ctx, Role... roles) {
        Principal caller = principal(ctx);
        for (Role role : roles) {
            if (caller.role() == role) {
                return caller;
            }
        }
        throw new ProblemException(Problem.forbidden(caller.describe() + " may not do this; it is for "
                + Arrays.stream(roles)
                        .map(r -> r.name().toLowerCase(Locale.ROOT))
                        .collect(Collectors.joining(" or "))));
    }

    /** The caller, for handlers mounted behind this one. */
    public static Principal principal(RoutingContext ctx) {
        Principal principal = ctx.get(PRINCIPAL);
        if (principal == null) {
            throw new IllegalStateException("route is missing the Authentication handler");
        }
        return principal;
    }
}
