package city.parkgrid.api.accounts;

import city.parkgrid.accounts.Account;
import city.parkgrid.accounts.ParkingSession;
import city.parkgrid.accounts.PaymentMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** The wire shapes of accounts and sessions. Money in integer fen, times in UTC. */
final class AccountJson {

    private AccountJson() {}

    static JsonObject account(Account a) {
        return new JsonObject()
                .put("id", a.id())
                .put("balanceFen", a.balance().fen())
                .put("arrearsFen", a.arrears().fen())
                .put("plates", new JsonArray(a.plates().stream().sorted().toList()))
                .put("residentId", a.residentId())
                .put("paymentMethod", method(a.paymentMethod()));
    }

    static JsonObject method(PaymentMethod m) {
        JsonObject json = new JsonObject().put("type", m.type().name());
        if (m.provider() != null) {
            json.put("provider", m.provider().name()).put("reference", m.reference());
        }
        return json;
    }

    static JsonObject session(ParkingSession s) {
        return new JsonObject()
                .put("id", s.id())
                .put("lotId", s.lotId())
                .put("plate", s.plate())
                .put("enteredAt", s.enteredAt().toString())
                .put("exitedAt", s.exitedAt() == null ? null : s.exitedAt().toString())
                .put("feeFen", s.fee() == null ? null : s.fee().fen())
                .put("status", s.status().name());
    }
}
