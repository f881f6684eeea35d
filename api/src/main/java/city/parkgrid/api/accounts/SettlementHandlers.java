package city.parkgrid.api.accounts;

import city.parkgrid.access.Principal;
import city.parkgrid.access.Role;
import city.parkgrid.accounts.SettlementService;
import city.parkgrid.api.http.Authentication;
import city.parkgrid.api.http.Problem;
import city.parkgrid.api.http.ProblemException;
import city.parkgrid.money.Money;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/** What the platform owes operators, the ledger's trial balance, and exits kept for review. */
public final class SettlementHandlers {

    private SettlementHandlers() {}

    /** {@code GET /v1/operators/{operatorId}/settlements?date=YYYY-MM-DD} (that operator or the bureau). */
    public static final class OperatorDay implements Handler<RoutingContext> {
        private final SettlementService settlement;

        public OperatorDay(SettlementService settlement) {
            this.settlement = settlement;
        }

        @Override
        public void handle(RoutingContext ctx) {
            Principal caller = Authentication.requireRole(ctx, Role.OPERATOR, Role.BUREAU);
            String operatorId = ctx.pathParam("operatorId");
            if (caller.role() == Role.OPERATOR && !caller.id().equals(operatorId)) {
                throw new ProblemException(
                        Problem.forbidden("settlements of " + operatorId + " are not " + caller.describe() + "'s"));
            }
            String date = ctx.queryParams().get("date");
            LocalDate day;
            try {
                day = LocalDate.parse(date == null ? "" : date);
            } catch (DateTimeParseException e) {
                day = null;
            }
            if (day == null || day.getYear() < 2000 || day.getYear() > 2999) {
                throw new ProblemException(
                        Problem.invalidField("date", "must be a local date YYYY-MM-DD (Asia/Shanghai)"));
            }
            LocalDate chosen = day;
            AccountHandlers.respond(ctx, 200, () -> {
                JsonArray lots = new JsonArray();
                Money owed = Money.ZERO;
                for (var lot : settlement.settlements(operatorId, chosen)) {
                    lots.add(new JsonObject()
                            .put("lotId", lot.lotId())
                            .put("sessions", lot.sessions())
                            .put("feesFen", lot.fees().fen())
                            .put("commissionFen", lot.commission().fen())
                            .put("owedFen", lot.owed().fen()));
                    owed = owed.plus(lot.owed());
                }
                return new JsonObject()
                        .put("operatorId", operatorId)
                        .put("date", chosen.toString())
                        .put("timeZone", "Asia/Shanghai")
                        .put("lots", lots)
                        .put("owedFen", owed.fen());
            });
        }
    }

    /** {@code GET /v1/ledger/trial-balance} (bureau): debits equal credits, always. */
    public static final class TrialBalance implements Handler<RoutingContext> {
        private final SettlementService settlement;

        public TrialBalance(SettlementService settlement) {
            this.settlement = settlement;
        }

        @Override
        public void handle(RoutingContext ctx) {
            Authentication.requireRole(ctx, Role.BUREAU);
            AccountHandlers.respond(ctx, 200, () -> {
                var balance = settlement.trialBalance();
                return new JsonObject()
                        .put("debitsFen", balance.debits().fen())
                        .put("creditsFen", balance.credits().fen())
                        .put("balanced", balance.balanced())
                        .put("transactions", balance.transactions());
            });
        }
    }

    /** {@code GET /v1/settlement/unmatched-exits} (bureau): exits of account plates with no open session. */
    public static final class UnmatchedExits implements Handler<RoutingContext> {
        private final SettlementService settlement;

        public UnmatchedExits(SettlementService settlement) {
            this.settlement = settlement;
        }

        @Override
        public void handle(RoutingContext ctx) {
            Authentication.requireRole(ctx, Role.BUREAU);
            AccountHandlers.respond(
                    ctx,
                    200,
                    () -> new JsonObject()
                            .put(
                                    "exits",
                                    new JsonArray(settlement.unmatchedExits().stream()
                                            .map(u -> new JsonObject()
                                                    .put("eventId", u.operatorEventId())
                                                    .put("lotId", u.lotId())
                                                    .put("plate", u.plate())
                                                    .put("accountId", u.accountId())
                                                    .put("at", u.at().toString())
                                                    .put("status", "REVIEW"))
                                            .toList())));
        }
    }
}
