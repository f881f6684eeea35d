package city.parkgrid.accounts;

import city.parkgrid.CityTime;
import city.parkgrid.lots.Lot;
import city.parkgrid.money.Money;
import city.parkgrid.occupancy.GateEvent;
import city.parkgrid.occupancy.GateEventType;
import city.parkgrid.tariffs.Fees;
import city.parkgrid.tariffs.TariffStore;
import city.parkgrid.tariffs.TariffVersions;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * "Leave first, pay later": a gate ENTRY of a bound plate opens a parking session, its EXIT closes
 * it, prices it by the lot's tariff (piece by piece when a new version took effect during the stay) and settles it — from the prepaid balance (a shortfall becomes
 * arrears) or through the linked payer (retried with the same idempotency key until it answers) —
 * writing balanced ledger entries in the same transaction. Blocking; thread-safe.
 *
 * <p>Exactly once: a gate event opens or closes at most one session, ever (its event id is kept),
 * and closing locks the session, so the same exit delivered twice, or reported by two gates at
 * once, charges once. An exit with no open session is kept for review, not guessed.
 */
public final class SettlementService {

    private final AccountBook book;
    private final TariffStore tariffs;
    private final ResidencyCheck residency;
    private final PaymentGateway gateway;
    private final int commissionBasisPoints;
    private final Duration retryBackoff;
    private final Surcharges surcharges;

    public SettlementService(
            AccountBook book,
            TariffStore tariffs,
            ResidencyCheck residency,
            PaymentGateway gateway,
            int commissionBasisPoints,
            Duration retryBackoff) {
        this(book, tariffs, residency, gateway, commissionBasisPoints, retryBackoff, Surcharges.NONE);
    }

    public SettlementService(
            AccountBook book,
            TariffStore tariffs,
            ResidencyCheck residency,
            PaymentGateway gateway,
            int commissionBasisPoints,
            Duration retryBackoff,
            Surcharges surcharges) {
        this.surcharges = surcharges;
        this.book = book;
        this.tariffs = tariffs;
        this.residency = residency;
        this.gateway = gateway;
        this.commissionBasisPoints = commissionBasisPoints;
        this.retryBackoff = retryBackoff;
    }

    /**
     * Opens and closes the sessions of bound plates for a batch of gate events at one lot.
     *
     * @return the sessions left PENDING on a linked payer, to be charged now
     */
    public List<String> recordGateEvents(Lot lot, List<GateEvent> events, Instant now) {
        // Everything read from other stores is read before the transaction: a unit of work that
        // waited for a second pooled connection while holding one could starve the pool.
        Map<String, String> bound = book.findAccountsOfPlates(
                events.stream().map(GateEvent::plate).distinct().toList());
        if (bound.isEmpty()) {
            return List.of();
        }
        TariffVersions versions = tariffs.findVersions(lot.id());
        Surcharges.Priced surcharge = surcharges.forLot(lot);
        // the lot's tariff, piece by piece by the version in force (none: free), plus the bureau's
        // surcharge for time under MANAGED control
        StayFee stayFee = (entered, exited, resident) ->
                Fees.fee(versions, entered, exited, resident).plus(surcharge.of(entered, exited));
        Set<String> residents = events.stream()
                .filter(e -> bound.containsKey(e.plate()))
                .map(GateEvent::plate)
                .distinct()
                .filter(plate -> residency.isResidentOf(plate, lot))
                .collect(Collectors.toSet());
        return book.atomically(tx -> {
            Map<String, String> accounts = tx.accountsOfPlates(bound.keySet());
            List<String> pending = new ArrayList<>();
            for (GateEvent event : events) {
                String accountId = accounts.get(event.plate());
                // event ids are the operator's, unique per lot (as in occupancy): scope them by lot
                String eventId = lot.id() + "/" + event.eventId();
                if (accountId == null || tx.gateEventSeen(eventId)) {
                    continue;
                }
                Optional<ParkingSession> open = tx.lockOpenSession(event.plate(), lot.id());
                if (event.type() == GateEventType.ENTRY) {
                    if (open.isEmpty()) {
                        ParkingSession session = new ParkingSession(
                                UUID.randomUUID().toString(),
                                accountId,
                                lot.id(),
                                lot.operatorId(),
                                event.plate(),
                                event.at(),
                                null,
                                null,
                                SessionStatus.OPEN,
                                eventId,
                                null,
                                0,
                                null);
                        tx.insertSession(session);
                        // An exit that arrived before its entry was kept for review: pair them now.
                        Optional<UnmatchedExit> earlyExit = tx.findUnmatchedExit(lot.id(), event.plate(), event.at());
                        if (earlyExit.isPresent()) {
                            UnmatchedExit exit = earlyExit.get();
                            tx.deleteUnmatchedExit(exit.eventId());
                            Money fee = stayFee.of(event.at(), exit.at(), residents.contains(event.plate()));
                            close(tx, session, fee, exit.eventId(), exit.at(), now)
                                    .ifPresent(pending::add);
                        }
                    }
                } else if (open.isPresent() && !open.get().enteredAt().isAfter(event.at())) {
                    Money fee = stayFee.of(open.get().enteredAt(), event.at(), residents.contains(event.plate()));
                    close(tx, open.get(), fee, eventId, event.at(), now).ifPresent(pending::add);
                } else {
                    tx.insertUnmatchedExit(new UnmatchedExit(eventId, lot.id(), event.plate(), accountId, event.at()));
                }
            }
            return pending;
        });
    }

    private Optional<String> close(
            AccountTransaction tx,
            ParkingSession session,
            Money fee,
            String exitEventId,
            Instant exitedAt,
            Instant now) {
        Account account = tx.lockAccount(session.accountId()).orElseThrow();
        tx.post(Ledger.feeDue(session, fee, commissionBasisPoints, now));
        if (fee.isZero()) {
            tx.updateSession(session.closed(exitedAt, Money.ZERO, SessionStatus.SETTLED, exitEventId, null));
            return Optional.empty();
        }
        if (account.paymentMethod().type() == PaymentMethod.Type.LINKED) {
            tx.updateSession(session.closed(exitedAt, fee, SessionStatus.PENDING, exitEventId, now));
            return Optional.of(session.id());
        }
        Money paid = fee.min(account.balance());
        tx.post(Ledger.paidFromBalance(account.id(), paid, session.id(), now));
        tx.updateBalances(
                account.id(),
                account.balance().minus(paid),
                account.arrears().plus(fee).minus(paid));
        tx.updateSession(session.closed(
                exitedAt, fee, paid.equals(fee) ? SessionStatus.SETTLED : SessionStatus.ARREARS, exitEventId, null));
        return Optional.empty();
    }

    /**
     * Asks the linked payer for a PENDING session's fee, with the session id as idempotency key. The
     * attempt is claimed first (the next attempt is scheduled before the payer is called), so if
     * this process dies mid-call another attempt follows, and the payer's idempotency makes sure
     * it charges once.
     */
    public Optional<SessionStatus> attemptPayment(String sessionId, Instant now) {
        // Claimed only when due: whoever claims first pushes the next attempt into the future, so
        // another node (or the gate handler's immediate attempt) finds it not due and leaves it.
        Optional<ParkingSession> claimed = book.atomically(tx -> tx.lockSession(sessionId)
                .filter(s -> s.status() == SessionStatus.PENDING)
                .filter(s -> s.nextAttemptAt() == null || !s.nextAttemptAt().isAfter(now))
                .map(s -> {
                    ParkingSession next = s.withPayment(
                            SessionStatus.PENDING, s.paymentAttempts() + 1, now.plus(backoff(s.paymentAttempts() + 1)));
                    tx.updateSession(next);
                    return next;
                }));
        if (claimed.isEmpty()) {
            return Optional.empty();
        }
        ParkingSession session = claimed.get();
        Account account = book.findAccount(session.accountId()).orElseThrow();
        PaymentGateway.Outcome outcome;
        try {
            outcome = gateway.charge(session.id(), account.paymentMethod(), session.fee());
        } catch (PaymentTimeoutException e) {
            return Optional.of(SessionStatus.PENDING);
        }
        return Optional.of(book.atomically(tx -> {
            ParkingSession current = tx.lockSession(sessionId).orElseThrow();
            if (current.status() != SessionStatus.PENDING) {
                return current.status();
            }
            Account locked = tx.lockAccount(current.accountId()).orElseThrow();
            Money fee = current.fee();
            if (outcome == PaymentGateway.Outcome.PAID) {
                tx.post(Ledger.paidByPayer(locked.id(), locked.paymentMethod().provider(), fee, current.id(), now));
                tx.updateSession(current.withPayment(SessionStatus.SETTLED, current.paymentAttempts(), null));
                return SessionStatus.SETTLED;
            }
            tx.updateBalances(locked.id(), locked.balance(), locked.arrears().plus(fee));
            tx.updateSession(current.withPayment(SessionStatus.ARREARS, current.paymentAttempts(), null));
            return SessionStatus.ARREARS;
        }));
    }

    /** Exits that matched no open session of a bound plate, kept for review. Blocking. */
    public List<UnmatchedExit> unmatchedExits() {
        return book.listUnmatchedExits();
    }

    /** Retries the PENDING payments that are due; returns how many were attempted. */
    public int retryDuePayments(Instant now, int limit) {
        List<String> due = book.atomically(tx ->
                tx.lockDuePayments(now, limit).stream().map(ParkingSession::id).toList());
        due.forEach(id -> attemptPayment(id, now));
        return due.size();
    }

    private Duration backoff(int attempts) {
        return retryBackoff.multipliedBy(Math.min(60, 1L << Math.min(6, attempts - 1)));
    }

    public TrialBalance trialBalance() {
        return book.trialBalance();
    }

    /** What the platform owes the operator for each of its lots for one local (Asia/Shanghai) day, by exit time. */
    public List<LotSettlement> settlements(String operatorId, LocalDate day) {
        Instant from = day.atStartOfDay(CityTime.SHANGHAI).toInstant();
        Instant to = day.plusDays(1).atStartOfDay(CityTime.SHANGHAI).toInstant();
        Map<String, List<ParkingSession>> byLot = book.listEndedSessions(operatorId, from, to).stream()
                .collect(Collectors.groupingBy(ParkingSession::lotId, TreeMap::new, Collectors.toList()));
        List<LotSettlement> result = new ArrayList<>();
        byLot.forEach((lotId, sessions) -> {
            Money fees = sessions.stream().map(ParkingSession::fee).reduce(Money.ZERO, Money::plus);
            Money commission = sessions.stream()
                    .map(s -> Ledger.commission(s.fee(), commissionBasisPoints))
                    .reduce(Money.ZERO, Money::plus);
            result.add(new LotSettlement(lotId, sessions.size(), fees, commission, fees.minus(commission)));
        });
        return result;
    }

    /** What a stay at the lot costs. */
    @FunctionalInterface
    private interface StayFee {
        Money of(Instant entered, Instant exited, boolean resident);
    }
}
