package city.parkgrid;

import static city.parkgrid.money.Money.ofFen;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import city.parkgrid.accounts.Account;
import city.parkgrid.accounts.AccountBook;
import city.parkgrid.accounts.AccountService;
import city.parkgrid.accounts.PaymentMethod;
import city.parkgrid.catalog.GeographyStore;
import city.parkgrid.geo.GeoPoint;
import city.parkgrid.lots.Lot;
import city.parkgrid.lots.LotKind;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What text every adapter refuses, and refuses the same way: dev's memory would hold a NUL or an
 * over-long value that serve's PostgreSQL cannot, so {@link Text} refuses it before either sees it,
 * with a 400-shaped {@link InvalidInputException} naming the field rather than a storage error.
 * Run in memory and against real PostgreSQL; each test uses fresh ids.
 */
public abstract class InputRulesContract {

    private static final Instant NOW = Instant.parse("2026-11-28T04:00:00Z");

    protected AccountService accounts;
    protected GeographyStore geography;

    protected abstract AccountBook newBook();

    protected abstract GeographyStore newGeography();

    @BeforeEach
    void setUp() {
        accounts = new AccountService(newBook());
        geography = newGeography();
    }

    private static String fresh(String prefix) {
        return prefix + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String plate() {
        return "沪N" + UUID.randomUUID().toString().replaceAll("[^0-9]", "").substring(0, 5);
    }

    private static void assertRefused(ThrowingCallable call, String field) {
        assertThatThrownBy(call)
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).field()).isEqualTo(field));
    }

    @Test
    void aNulInAPayerReferenceIsRefusedAndNothingIsStored() {
        String id = fresh("acc-");
        assertRefused(
                () -> accounts.open(
                        id,
                        Set.of(plate()),
                        null,
                        PaymentMethod.linked(PaymentMethod.Provider.ALIPAY, "alipay-\u0000-1")),
                "paymentMethod.reference");
        assertThat(accounts.find(id)).isEmpty();
    }

    @Test
    void aNulInAnIdempotencyKeyIsRefusedAndTheBalanceIsUnchanged() {
        Account account = accounts.open(fresh("acc-"), Set.of(plate()), null, PaymentMethod.PREPAID);
        assertRefused(() -> accounts.topUp(account.id(), ofFen(500), "key\u0000", NOW), "idempotencyKey");
        assertRefused(() -> accounts.topUp(account.id(), ofFen(500), "k".repeat(129), NOW), "idempotencyKey");
        assertThat(accounts.find(account.id()).orElseThrow().balance()).isEqualTo(ofFen(0));
        // the longest key is a key like any other
        assertThat(accounts.topUp(account.id(), ofFen(500), "k".repeat(128), NOW)
                        .account()
                        .balance())
                .isEqualTo(ofFen(500));
    }

    @Test
    void aNulInAResidentIdIsRefusedAndNoAccountIsOpened() {
        String id = fresh("acc-");
        assertRefused(() -> accounts.open(id, Set.of(plate()), "res\u0000ident", PaymentMethod.PREPAID), "residentId");
        assertThat(accounts.find(id)).isEmpty();
    }

    @Test
    void anAccountIdNoStoreCouldHoldIsRefusedOnLookupAsOnOpening() {
        assertRefused(() -> accounts.find("acc-\u0000"), "accountId");
        assertRefused(() -> accounts.sessions("acc-\u0000"), "accountId");
        assertRefused(() -> accounts.topUp("acc-\u0000", ofFen(100), "k", NOW), "accountId");
        assertRefused(() -> accounts.open("a".repeat(65), Set.of(plate()), null, PaymentMethod.PREPAID), "accountId");
    }

    @Test
    void aTooLongOrControlCharacterNameIsRefusedAndTheLongestAllowedRoundTrips() {
        String lotId = fresh("lot-");
        assertRefused(() -> lot(lotId, "停".repeat(Text.MAX_NAME + 1), "Car park", "op-1"), "nameZh");
        assertRefused(() -> lot(lotId, "停车场", "Car\u0000park", "op-1"), "nameEn");
        assertRefused(() -> lot(lotId, "停车场", "Car\u0085park", "op-1"), "nameEn");
        assertRefused(() -> lot(lotId, "停车场", "Car park", "op\u0000"), "operatorId");
        // 200 characters, counted as characters: Chinese and a character beyond the BMP are ordinary
        String longest = "停".repeat(Text.MAX_NAME - 1) + "𠀀";
        Lot accepted = lot(lotId, longest, "Car park", "op-1");
        geography.putLot(accepted);
        Lot stored = geography.load().lots().stream()
                .filter(l -> l.id().equals(lotId))
                .findFirst()
                .orElseThrow();
        assertThat(stored.nameZh()).isEqualTo(longest);
    }

    private static Lot lot(String id, String nameZh, String nameEn, String operatorId) {
        return new Lot(id, nameZh, nameEn, operatorId, null, LotKind.MALL, GeoPoint.of(31.3, 121.51), 10);
    }
}
