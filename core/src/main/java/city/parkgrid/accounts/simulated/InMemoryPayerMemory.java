package city.parkgrid.accounts.simulated;

import city.parkgrid.accounts.PaymentGateway.Outcome;
import city.parkgrid.money.Money;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The simulated payer's memory in this JVM (dev mode and unit tests). Thread-safe. */
public final class InMemoryPayerMemory implements SimulatedPaymentGateway.PayerMemory {

    private final Map<String, Outcome> charges = new ConcurrentHashMap<>();

    @Override
    public Optional<Outcome> find(String idempotencyKey) {
        return Optional.ofNullable(charges.get(idempotencyKey));
    }

    @Override
    public Outcome record(String idempotencyKey, Money amount, Outcome outcome) {
        return charges.computeIfAbsent(idempotencyKey, k -> outcome);
    }

    /** How many distinct charges were made, for tests. */
    public int charges() {
        return charges.size();
    }
}
