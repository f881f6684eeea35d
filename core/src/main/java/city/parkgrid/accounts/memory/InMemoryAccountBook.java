package city.parkgrid.accounts.memory;

import city.parkgrid.accounts.Account;
import city.parkgrid.accounts.AccountBook;
import city.parkgrid.accounts.AccountTransaction;
import city.parkgrid.accounts.LedgerEntry;
import city.parkgrid.accounts.ParkingSession;
import city.parkgrid.accounts.SessionStatus;
import city.parkgrid.accounts.TopUp;
import city.parkgrid.accounts.TrialBalance;
import city.parkgrid.accounts.UnmatchedExit;
import city.parkgrid.money.Money;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Accounts, sessions and the ledger in this JVM, for {@code dev} and fast tests. Thread-safe: one
 * unit of work at a time; each change records how to undo it, so a unit of work that fails leaves
 * nothing behind, as a rolled-back transaction does.
 */
public final class InMemoryAccountBook implements AccountBook {

    private final Map<String, Account> accounts = new HashMap<>();
    private final PlateTable plateOwners = new PlateTable();
    private final Map<String, TopUp> topUps = new HashMap<>();
    private final SessionTable sessions = new SessionTable();
    private final Map<String, UnmatchedExit> unmatched = new LinkedHashMap<>();
    private final List<LedgerEntry> ledger = new ArrayList<>();

    @Override
    public synchronized <T> T atomically(Function<AccountTransaction, T> work) {
        Tx tx = new Tx();
        try {
            return work.apply(tx);
        } catch (RuntimeException e) {
            tx.undo.forEach(Runnable::run);
            throw e;
        }
    }

    @Override
    public synchronized Optional<Account> findAccount(String accountId) {
        return Optional.ofNullable(accounts.get(accountId)).map(this::withPlates);
    }

    @Override
    public synchronized Map<String, String> findAccountsOfPlates(Collection<String> plates) {
        return new Tx().accountsOfPlates(plates);
    }

    private Account withPlates(Account a) {
        Set<String> plates = Set.copyOf(plateOwners.platesOf(a.id()));
        return new Account(a.id(), a.paymentMethod(), a.residentId(), a.balance(), a.arrears(), plates);
    }

    @Override
    public synchronized List<ParkingSession> listSessions(String accountId) {
        return sessions.of(sessions.byAccount, accountId)
                .sorted(Comparator.comparing(ParkingSession::enteredAt)
                        .reversed()
                        .thenComparing(ParkingSession::id))
                .toList();
    }

    @Override
    public synchronized Optional<ParkingSession> findSession(String sessionId) {
        return Optional.ofNullable(sessions.get(sessionId));
    }

    @Override
    public synchronized List<UnmatchedExit> listUnmatchedExits() {
        return unmatched.values().stream()
                .sorted(Comparator.comparing(UnmatchedExit::at).reversed())
                .toList();
    }

    @Override
    public synchronized TrialBalance trialBalance() {
        return new TrialBalance(
                ledger.stream().map(LedgerEntry::debit).reduce(Money.ZERO, Money::plus),
                ledger.stream().map(LedgerEntry::credit).reduce(Money.ZERO, Money::plus),
                ledger.stream().map(LedgerEntry::transaction).distinct().count());
    }

    @Override
    public synchronized Money ledgerBalance(String ledgerAccount) {
        return ledger.stream()
                .filter(e -> e.ledgerAccount().equals(ledgerAccount))
                .map(e -> e.credit().minus(e.debit()))
                .reduce(Money.ZERO, Money::plus);
    }

    @Override
    public synchronized List<ParkingSession> listEndedSessions(String operatorId, Instant from, Instant to) {
        return sessions.values().stream()
                .filter(s -> s.operatorId().equals(operatorId)
                        && s.fee() != null
                        && s.exitedAt() != null
                        && !s.exitedAt().isBefore(from)
                        && s.exitedAt().isBefore(to))
                .sorted(Comparator.comparing(ParkingSession::lotId))
                .toList();
    }

    /** One unit of work; called only while the book's lock is held. */
    private final class Tx implements AccountTransaction {
        private final Deque<Runnable> undo = new ArrayDeque<>();

        private <K, V> void put(Map<K, V> map, K key, V value) {
            V previous = map.put(key, value);
            undo.push(() -> {
                if (previous == null) {
                    map.remove(key);
                } else {
                    map.put(key, previous);
                }
            });
        }

        @Override
        public boolean insertAccount(Account account) {
            if (accounts.containsKey(account.id())) {
                return false;
            }
            put(accounts, account.id(), account);
            return true;
        }

        @Override
        public Optional<Account> lockAccount(String accountId) {
            return findAccount(accountId);
        }

        @Override
        public void updateBalances(String accountId, Money balance, Money arrears) {
            put(accounts, accountId, accounts.get(accountId).withBalances(balance, arrears));
        }

        @Override
        public boolean bindPlate(String plate, String accountId) {
            if (plateOwners.containsKey(plate)) {
                return false;
            }
            put(plateOwners, plate, accountId);
            return true;
        }

        @Override
        public boolean unbindPlate(String plate, String accountId) {
            if (!accountId.equals(plateOwners.get(plate))) {
                return false;
            }
            plateOwners.remove(plate);
            undo.push(() -> plateOwners.put(plate, accountId));
            return true;
        }

        @Override
        public Map<String, String> accountsOfPlates(Collection<String> plates) {
            Map<String, String> found = new HashMap<>();
            plates.forEach(p -> {
                if (plateOwners.containsKey(p)) {
                    found.put(p, plateOwners.get(p));
                }
            });
            return found;
        }

        @Override
        public Optional<TopUp> findTopUp(String accountId, String idempotencyKey) {
            return Optional.ofNullable(topUps.get(accountId + "\n" + idempotencyKey));
        }

        @Override
        public void insertTopUp(TopUp topUp) {
            put(topUps, topUp.accountId() + "\n" + topUp.idempotencyKey(), topUp);
        }

        @Override
        public boolean gateEventSeen(String eventId) {
            return unmatched.containsKey(eventId) || sessions.eventIds.contains(eventId);
        }

        @Override
        public Optional<ParkingSession> lockOpenSession(String plate, String lotId) {
            return sessions.of(sessions.byPlate, plate)
                    .filter(s -> s.status() == SessionStatus.OPEN && s.lotId().equals(lotId))
                    .findFirst();
        }

        @Override
        public Optional<ParkingSession> lockSession(String sessionId) {
            return Optional.ofNullable(sessions.get(sessionId));
        }

        @Override
        public void insertSession(ParkingSession session) {
            put(sessions, session.id(), session);
        }

        @Override
        public void updateSession(ParkingSession session) {
            put(sessions, session.id(), session);
        }

        @Override
        public List<ParkingSession> lockDuePayments(Instant now, int limit) {
            return sessions.values().stream()
                    .filter(s -> s.status() == SessionStatus.PENDING
                            && !s.nextAttemptAt().isAfter(now))
                    .sorted(Comparator.comparing(ParkingSession::nextAttemptAt))
                    .limit(limit)
                    .toList();
        }

        @Override
        public void insertUnmatchedExit(UnmatchedExit exit) {
            if (!unmatched.containsKey(exit.eventId())) {
                put(unmatched, exit.eventId(), exit);
            }
        }

        @Override
        public Optional<UnmatchedExit> findUnmatchedExit(String lotId, String plate, Instant notBefore) {
            return unmatched.values().stream()
                    .filter(u -> u.lotId().equals(lotId) && u.plate().equals(plate) && !u.at().isBefore(notBefore))
                    .min(Comparator.comparing(UnmatchedExit::at).thenComparing(UnmatchedExit::eventId));
        }

        @Override
        public void deleteUnmatchedExit(String eventId) {
            UnmatchedExit removed = unmatched.remove(eventId);
            if (removed != null) {
                undo.push(() -> unmatched.put(eventId, removed));
            }
        }

        @Override
        public boolean hasOpenSession(String plate) {
            return sessions.of(sessions.byPlate, plate).anyMatch(s -> s.status() == SessionStatus.OPEN);
        }

        @Override
        public void post(List<LedgerEntry> entries) {
            ledger.addAll(entries);
            int added = entries.size();
            undo.push(() -> ledger.subList(ledger.size() - added, ledger.size()).clear());
        }
    }

    /*
     * The book is used by dev and by every simulated day (tens of thousands of sessions), so the
     * lookups a gate event makes are indexed rather than scanned. The indexes follow every put
     * and remove of the tables themselves, including a unit of work's undo.
     */

    /** Sessions by id, indexed by plate, by account and by the gate event ids they consumed. */
    private static final class SessionTable extends LinkedHashMap<String, ParkingSession> {
        final Map<String, Set<String>> byPlate = new HashMap<>();
        final Map<String, Set<String>> byAccount = new HashMap<>();
        final Set<String> eventIds = new HashSet<>();

        @Override
        public ParkingSession put(String id, ParkingSession session) {
            ParkingSession previous = super.put(id, session);
            forget(previous);
            byPlate.computeIfAbsent(session.plate(), k -> new LinkedHashSet<>()).add(id);
            byAccount
                    .computeIfAbsent(session.accountId(), k -> new LinkedHashSet<>())
                    .add(id);
            if (session.entryEventId() != null) {
                eventIds.add(session.entryEventId());
            }
            if (session.exitEventId() != null) {
                eventIds.add(session.exitEventId());
            }
            return previous;
        }

        @Override
        public ParkingSession remove(Object id) {
            ParkingSession previous = super.remove(id);
            forget(previous);
            return previous;
        }

        private void forget(ParkingSession session) {
            if (session == null) {
                return;
            }
            removeFrom(byPlate, session.plate(), session.id());
            removeFrom(byAccount, session.accountId(), session.id());
            eventIds.remove(session.entryEventId());
            eventIds.remove(session.exitEventId());
        }

        java.util.stream.Stream<ParkingSession> of(Map<String, Set<String>> index, String key) {
            return index.getOrDefault(key, Set.of()).stream().map(this::get);
        }
    }

    private static void removeFrom(Map<String, Set<String>> index, String key, String value) {
        Set<String> values = index.get(key);
        if (values != null) {
            values.remove(value);
        }
    }

    /** Plate to owning account, indexed by account. */
    private static final class PlateTable extends HashMap<String, String> {
        private final Map<String, Set<String>> byAccount = new HashMap<>();

        @Override
        public String put(String plate, String accountId) {
            String previous = super.put(plate, accountId);
            if (previous != null) {
                removeFrom(byAccount, previous, plate);
            }
            byAccount.computeIfAbsent(accountId, k -> new HashSet<>()).add(plate);
            return previous;
        }

        @Override
        public String remove(Object plate) {
            String previous = super.remove(plate);
            if (previous != null) {
                removeFrom(byAccount, previous, (String) plate);
            }
            return previous;
        }

        Set<String> platesOf(String accountId) {
            return byAccount.getOrDefault(accountId, Set.of());
        }
    }
}
