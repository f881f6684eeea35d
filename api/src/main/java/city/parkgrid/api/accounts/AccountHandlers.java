package city.parkgrid.api.accounts;

import city.parkgrid.access.Principal;
import city.parkgrid.access.Role;
import city.parkgrid.accounts.AccountService;
import city.parkgrid.accounts.PaymentMethod;
import city.parkgrid.api.http.Authentication;
import city.parkgrid.api.http.JsonInput;
import city.parkgrid.api.http.Problem;
import city.parkgrid.api.http.ProblemException;
import city.parkgrid.money.Money;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;

/**
 * The unified-account endpoints. Each is a small handler class; the account book may block, so
 * every call runs on a worker.
 */
public final class AccountHandlers {

    private AccountHandlers() {}

    /** Runs blocking work on a worker and answers with its JSON, mapping the domain's refusals to problems. */
    static void respond(RoutingContext ctx, int status, Callable<JsonObject> work) {
        Future<JsonObject> result = ctx.vertx().executeBlocking(work, false);
        result.onSuccess(json -> ctx.response()
                        .setStatusCode(status)
                        .putHeader("Content-Type", "application/json")
                        .end(json.encode()))
                .onFailure(ctx::fail);
    }

    static PaymentMethod paymentMethod(JsonObject body) {
        JsonObject json = JsonInput.object(body.getValue("paymentMethod"), "paymentMethod");
        PaymentMethod.Type type = JsonInput.requiredEnum(json, "type", "paymentMethod.type", PaymentMethod.Type.class);
        if (type == PaymentMethod.Type.PREPAID) {
            for (String payer : new String[] {"provider", "reference"}) {
                if (json.getValue(payer) != null) {
                    throw new ProblemException(
                            Problem.invalidField("paymentMethod." + payer, "a PREPAID account names no payer"));
                }
            }
            return PaymentMethod.PREPAID;
        }
        return PaymentMethod.linked(
                JsonInput.requiredEnum(json, "provider", "paymentMethod.provider", PaymentMethod.Provider.class),
                JsonInput.requiredString(json, "reference", "paymentMethod.reference"));
    }

    /** {@code POST /v1/accounts}: a driver opens their own account (its id is theirs); the bureau opens any. */
    public static final class Open implements Handler<RoutingContext> {
        private final AccountService accounts;

        public Open(AccountService accounts) {
            this.accounts = accounts;
        }

        @Override
        public void handle(RoutingContext ctx) {
            Principal caller = Authentication.requireRole(ctx, Role.DRIVER, Role.BUREAU);
            JsonObject body = JsonInput.object(ctx.body().buffer());
            Set<String> plates = JsonInput.plates(body);
            PaymentMethod method = paymentMethod(body);
            String residentId = JsonInput.optionalString(body, "residentId", "residentId");
            String id = caller.role() == Role.DRIVER ? caller.id() : "acc-" + UUID.randomUUID();
            ctx.response().putHeader("Location", "/v1/accounts/" + id);
            respond(ctx, 201, () -> AccountJson.account(accounts.open(id, plates, residentId, method)));
        }
    }

    /** {@code GET /v1/accounts/{accountId}}. */
    public static final class Get implements Handler<RoutingContext> {
        private final AccountService accounts;

        public Get(AccountService accounts) {
            this.accounts = accounts;
        }

        @Override
        public void handle(RoutingContext ctx) {
            String id = AccountAccess.requireOwnAccount(ctx);
            respond(
                    ctx,
                    200,
                    () -> AccountJson.account(accounts.find(id).orElseThrow(() -> AccountAccess.notFound(id))));
        }
    }

    /** {@code GET /v1/accounts/{accountId}/sessions}: newest first. */
    public static final class Sessions implements Handler<RoutingContext> {
        private final AccountService accounts;

        public Sessions(AccountService accounts) {
            this.accounts = accounts;
        }

        @Override
        public void handle(RoutingContext ctx) {
            String id = AccountAccess.requireOwnAccount(ctx);
            respond(ctx, 200, () -> {
                accounts.find(id).orElseThrow(() -> AccountAccess.notFound(id));
                return new JsonObject()
                        .put(
                                "sessions",
                                new JsonArray(accounts.sessions(id).stream()
                                        .map(AccountJson::session)
                                        .toList()));
            });
        }
    }

    /** {@code POST /v1/accounts/{accountId}/plates} {@code {"plate"}}. */
    public static final class AddPlate implements Handler<RoutingContext> {
        private final AccountService accounts;

        public AddPlate(AccountService accounts) {
            this.accounts = accounts;
        }

        @Override
        public void handle(RoutingContext ctx) {
            String id = AccountAccess.requireOwnAccount(ctx);
            String plate = JsonInput.plate(JsonInput.object(ctx.body().buffer()).getValue("plate"), "plate");
            respond(ctx, 200, () -> AccountJson.account(accounts.addPlate(id, plate)));
        }
    }

    /** {@code DELETE /v1/accounts/{accountId}/plates/{plate}}. */
    public static final class RemovePlate implements Handler<RoutingContext> {
        private final AccountService accounts;

        public RemovePlate(AccountService accounts) {
            this.accounts = accounts;
        }

        @Override
        public void handle(RoutingContext ctx) {
            String id = AccountAccess.requireOwnAccount(ctx);
            String plate = JsonInput.plate(ctx.pathParam("plate"), "plate");
            respond(ctx, 200, () -> AccountJson.account(accounts.removePlate(id, plate)));
        }
    }

    /** {@code POST /v1/accounts/{accountId}/topups} {@code {"amountFen", "idempotencyKey"}}: the same key tops up once. */
    public static final class TopUp implements Handler<RoutingContext> {
        private final AccountService accounts;
        private final Clock clock;

        public TopUp(AccountService accounts, Clock clock) {
            this.accounts = accounts;
            this.clock = clock;
        }

        @Override
        public void handle(RoutingContext ctx) {
            String id = AccountAccess.requireOwnAccount(ctx);
            JsonObject body = JsonInput.object(ctx.body().buffer());
            Object amount = body.getValue("amountFen");
            if (!(amount instanceof Integer || amount instanceof Long)) {
                throw new ProblemException(Problem.invalidField(
                        "amountFen",
                        amount == null ? "is required" : "must be a whole number of fen, e.g. 5000 for ¥50"));
            }
            String key = JsonInput.requiredString(body, "idempotencyKey", "idempotencyKey");
            if (key.length() > 128) {
                throw new ProblemException(Problem.invalidField("idempotencyKey", "must be at most 128 characters"));
            }
            Money toAdd = Money.ofFen(((Number) amount).longValue());
            Future<AccountService.TopUpResult> result =
                    ctx.vertx().executeBlocking(() -> accounts.topUp(id, toAdd, key, clock.instant()), false);
            result.onSuccess(done -> ctx.response()
                            .setStatusCode(done.created() ? 201 : 200)
                            .putHeader("Content-Type", "application/json")
                            .end(new JsonObject()
                                    .put("idempotencyKey", done.topUp().idempotencyKey())
                                    .put("amountFen", done.topUp().amount().fen())
                                    .put(
                                            "recoveredArrearsFen",
                                            done.topUp().recoveredArrears().fen())
                                    .put("at", done.topUp().at().toString())
                                    .put("account", AccountJson.account(done.account()))
                                    .encode()))
                    .onFailure(failure -> ctx.fail(failure));
        }
    }
}
