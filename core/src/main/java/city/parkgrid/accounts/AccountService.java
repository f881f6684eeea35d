package city.parkgrid.accounts;

import city.parkgrid.ConflictException;
import city.parkgrid.InvalidInputException;
import city.parkgrid.NotFoundException;
import city.parkgrid.Text;
import city.parkgrid.money.Money;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Unified accounts: one per person, valid at every lot. Opening, plates, top-ups. Blocking (the
 * book may be PostgreSQL); thread-safe.
 */
public final class AccountService {

    /** The most one top-up may add: ¥100,000. */
    public static final Money MAX_TOP_UP = Money.ofFen(10_000_000);

    private final AccountBook book;

    public AccountService(AccountBook book) {
        this.book = book;
    }

    /**
     * @throws AccountExistsException when the id is taken
     * @throws PlateBoundException when a plate belongs to another account (nothing is stored)
     */
    public Account open(String accountId, Set<String> plates, String residentId, PaymentMethod method) {
        return book.atomically(tx -> {
            Account account = new Account(accountId, method, residentId, Money.ZERO, Money.ZERO, plates);
            if (!tx.insertAccount(account)) {
                throw new AccountExistsException(accountId);
            }
            for (String plate : plates) {
                if (!tx.bindPlate(plate, accountId)) {
                    throw new PlateBoundException(plate);
                }
            }
            return account;
        });
    }

    public Optional<Account> find(String accountId) {
        return book.findAccount(accountId(accountId));
    }

    public List<ParkingSession> sessions(String accountId) {
        return book.listSessions(accountId(accountId));
    }

    public Account addPlate(String accountId, String plate) {
        accountId(accountId);
        book.atomically(tx -> {
            require(tx, accountId);
            String owner = tx.accountsOfPlates(List.of(plate)).get(plate);
            boolean bound = owner == null ? tx.bindPlate(plate, accountId) : owner.equals(accountId);
            if (!bound) {
                throw new PlateBoundException(plate);
            }
            return null;
        });
        return book.findAccount(accountId).orElseThrow();
    }

    public Account removePlate(String accountId, String plate) {
        accountId(accountId);
        book.atomically(tx -> {
            require(tx, accountId);
            if (tx.hasOpenSession(plate)) {
                throw new PlateInUseException(plate);
            }
            if (!tx.unbindPlate(plate, accountId)) {
                throw new NotFoundException("plate", plate, "plate " + plate + " is not bound to account " + accountId);
            }
            return null;
        });
        return book.findAccount(accountId).orElseThrow();
    }

    /** What a top-up did; {@code created} is false when the key had been used and nothing changed. */
    public record TopUpResult(TopUp topUp, boolean created, Account account) {}

    /** Adds money once per idempotency key: arrears are recovered first, the rest becomes balance. */
    public TopUpResult topUp(String accountId, Money amount, String idempotencyKey, Instant now) {
        if (!amount.isPositive() || amount.compareTo(MAX_TOP_UP) > 0) {
            throw new InvalidInputException("amountFen", "must be a whole number of fen from 1 to " + MAX_TOP_UP.fen());
        }
        accountId(accountId);
        Text.require("idempotencyKey", idempotencyKey, Text.MAX_REFERENCE);
        TopUpResult result = book.atomically(tx -> {
            Account account = require(tx, accountId);
            Optional<TopUp> earlier = tx.findTopUp(accountId, idempotencyKey);
            if (earlier.isPresent()) {
                if (!earlier.get().amount().equals(amount)) {
                    throw new InvalidInputException(
                            "idempotencyKey",
                            "was already used for a top-up of "
                                    + earlier.get().amount().fen() + " fen");
                }
                return new TopUpResult(earlier.get(), false, account);
            }
            Money recovered = amount.min(account.arrears());
            TopUp topUp = new TopUp(accountId, idempotencyKey, amount, recovered, now);
            tx.insertTopUp(topUp);
            tx.post(Ledger.topUp(accountId, amount, recovered, "topup:" + accountId + ":" + idempotencyKey, now));
            tx.updateBalances(
                    accountId,
                    account.balance().plus(amount).minus(recovered),
                    account.arrears().minus(recovered));
            return new TopUpResult(topUp, true, account);
        });
        return new TopUpResult(
                result.topUp(), result.created(), book.findAccount(accountId).orElseThrow());
    }

    /**
     * An account id as the platform accepts it, checked before any store sees it: a lookup of one
     * no store could hold is refused alike in memory and in PostgreSQL (which cannot hold NUL).
     */
    private static String accountId(String accountId) {
        return Text.require("accountId", accountId, Text.MAX_ID);
    }

    private static Account require(AccountTransaction tx, String accountId) {
        return tx.lockAccount(accountId).orElseThrow(() -> new NotFoundException("account", accountId));
    }

    /** A plate cannot leave its account while its car is parked: the exit would go unpaid. */
    public static final class PlateInUseException extends ConflictException {
        public PlateInUseException(String plate) {
            super(
                    "plate-in-use",
                    "Plate parked now",
                    "plate",
                    "plate " + plate + " is parked in a lot now; unbind it after the car has left");
        }
    }

    /** Every account id in use is rejected again. */
    public static final class AccountExistsException extends ConflictException {
        public AccountExistsException(String accountId) {
            super("account-exists", "Account exists", null, "account '" + accountId + "' exists already");
        }
    }
}
