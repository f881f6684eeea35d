package city.parkgrid.access;

import city.parkgrid.lots.Lot;
import java.util.Locale;
import java.util.Objects;

/**
 * An authenticated caller. Immutable.
 *
 * @param id the operator id, driver id or service name; "bureau" for the bureau
 */
public record Principal(Role role, String id) {

    public Principal {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(id, "id");
    }

    /** Gate events, sensor counts and lot details are written by the lot's own operator only. */
    public boolean operates(Lot lot) {
        return role == Role.OPERATOR && id.equals(lot.operatorId());
    }

    /** How the caller appears in audit records and logs (never a credential). */
    public String describe() {
        return role.name().toLowerCase(Locale.ROOT) + ":" + id;
    }
}
