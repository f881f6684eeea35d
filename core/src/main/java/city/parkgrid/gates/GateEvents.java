package city.parkgrid.gates;

import city.parkgrid.accounts.SettlementService;
import city.parkgrid.lots.Lot;
import city.parkgrid.occupancy.GateEvent;
import city.parkgrid.occupancy.IngestionResult;
import city.parkgrid.occupancy.OccupancyService;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens when cars pass a lot's gates: the one place that a batch of gate events from a lot
 * goes through, whether it came over HTTP, from the simulator or from dev traffic.
 *
 * <ol>
 *   <li>Parking sessions of plates bound to an account are opened (ENTRY) and closed, priced and
 *       settled (EXIT) in the account book, idempotently by event id.</li>
 *   <li>Linked payments those exits leave PENDING are handed to {@code payments}, so the gate is
 *       not kept waiting for the payer; one that fails there is retried from the book's schedule.</li>
 *   <li>Live occupancy counts every event once ever, fulfilling the holds of drivers who arrive.</li>
 * </ol>
 *
 * Sessions are recorded before occupancy: if either store fails the operator gets an error and
 * resends, and neither counts anything twice. Blocking (the book may be PostgreSQL); thread-safe.
 */
public final class GateEvents {

    private static final Logger LOG = LoggerFactory.getLogger(GateEvents.class);

    private final OccupancyService occupancy;
    private final SettlementService settlement;
    private final Executor payments;

    public GateEvents(OccupancyService occupancy, SettlementService settlement, Executor payments) {
        this.occupancy = occupancy;
        this.settlement = settlement;
        this.payments = payments;
    }

    /** Applies a batch of already well-formed events; outcomes come back in the order of {@code events}. */
    public IngestionResult record(Lot lot, List<GateEvent> events, Instant now) {
        List<String> pending = settlement.recordGateEvents(lot, occupancy.admissible(events, now), now);
        for (String sessionId : pending) {
            payments.execute(() -> attemptPayment(sessionId, now));
        }
        return join(occupancy.ingest(lot.id(), events, now));
    }

    private void attemptPayment(String sessionId, Instant now) {
        try {
            settlement.attemptPayment(sessionId, now);
        } catch (RuntimeException e) {
            LOG.warn("payment of session {} not attempted now; the retrier will: {}", sessionId, e.toString());
        }
    }

    private static <T> T join(CompletionStage<T> stage) {
        return stage.toCompletableFuture().join();
    }
}
