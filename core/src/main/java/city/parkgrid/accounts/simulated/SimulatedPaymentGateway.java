package city.parkgrid.accounts.simulated;

import city.parkgrid.accounts.PaymentGateway;
import city.parkgrid.accounts.PaymentMethod;
import city.parkgrid.accounts.PaymentTimeoutException;
import city.parkgrid.money.Money;
import java.util.Optional;
import java.util.Random;

/**
 * A stand-in for ETC, Alipay and WeChat Pay, for dev mode, tests and the simulator: configurable
 * latency, declines and timeouts, idempotent by key like the real ones. Thread-safe.
 *
 * <p>A timeout is either "never reached the payer" or "charged, but the answer was lost" (half
 * each), the two cases a retry with the same key must handle. The payer remembers charges in a
 * {@link PayerMemory} outside ParkGrid's own state, as a real payer would across a crash of ParkGrid.
 */
public final class SimulatedPaymentGateway implements PaymentGateway {

    /**
     * @param latencyMillis how long every call takes
     * @param declineRate share of first charges declined (0..1)
     * @param timeoutRate share of calls that time out (0..1)
     * @param haltAfterCharge fault injection for crash tests: the JVM halts right after the payer
     *     records a charge, before ParkGrid can record the outcome
     */
    public record Settings(
            long latencyMillis, double declineRate, double timeoutRate, long seed, boolean haltAfterCharge) {

        public static final Settings INSTANT = new Settings(0, 0, 0, 1, false);
    }

    /** Where the simulated payer keeps the charges it made. */
    public interface PayerMemory {

        Optional<Outcome> find(String idempotencyKey);

        /** Records the outcome unless one is recorded for the key; returns the one that stands. */
        Outcome record(String idempotencyKey, Money amount, Outcome outcome);
    }

    private final Settings settings;
    private final PayerMemory memory;
    private final Random random;

    public SimulatedPaymentGateway(Settings settings, PayerMemory memory) {
        this.settings = settings;
        this.memory = memory;
        this.random = new Random(settings.seed());
    }

    @Override
    public Outcome charge(String idempotencyKey, PaymentMethod method, Money amount) {
        if (method.type() != PaymentMethod.Type.LINKED) {
            throw new IllegalArgumentException("only LINKED accounts are charged through a payer");
        }
        sleep(settings.latencyMillis());
        double timeoutDraw;
        double declineDraw;
        synchronized (random) {
            timeoutDraw = random.nextDouble();
            declineDraw = random.nextDouble();
        }
        Optional<Outcome> earlier = memory.find(idempotencyKey);
        if (timeoutDraw < settings.timeoutRate() / 2) {
            throw new PaymentTimeoutException(method.provider() + " did not answer (request lost)");
        }
        Outcome outcome = earlier.orElseGet(() -> memory.record(
                idempotencyKey, amount, declineDraw < settings.declineRate() ? Outcome.DECLINED : Outcome.PAID));
        if (settings.haltAfterCharge()) {
            Runtime.getRuntime().halt(137);
        }
        if (timeoutDraw < settings.timeoutRate()) {
            throw new PaymentTimeoutException(method.provider() + " did not answer (charged, answer lost)");
        }
        return outcome;
    }

    private static void sleep(long millis) {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PaymentTimeoutException("interrupted while waiting for the payer");
        }
    }
}
