package city.parkgrid.accounts;

import city.parkgrid.Text;
import city.parkgrid.money.Money;
import java.util.Objects;
import java.util.Set;

/**
 * One person's unified account, valid at every connected lot. Immutable; equal by id.
 *
 * @param residentId the registered resident this account belongs to, or null
 * @param balance prepaid money held for the driver
 * @param arrears fees not yet paid ("leave first, pay later"); recovered first from the next top-up
 */
public record Account(
        String id, PaymentMethod paymentMethod, String residentId, Money balance, Money arrears, Set<String> plates) {

    public Account {
        Text.require("accountId", id, Text.MAX_ID);
        Text.optional("residentId", residentId, Text.MAX_ID);
        Objects.requireNonNull(paymentMethod, "paymentMethod");
        plates = Set.copyOf(plates);
    }

    public Account withBalances(Money balance, Money arrears) {
        return new Account(id, paymentMethod, residentId, balance, arrears, plates);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Account other && id.equals(other.id);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }
}
