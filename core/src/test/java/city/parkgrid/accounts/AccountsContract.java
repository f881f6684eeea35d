package city.parkgrid.accounts;

import static city.parkgrid.money.Money.ofFen;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import city.parkgrid.CityTime;
import city.parkgrid.InvalidInputException;
import city.parkgrid.accounts.simulated.InMemoryPayerMemory;
import city.parkgrid.accounts.simulated.SimulatedPaymentGateway;
import city.parkgrid.geo.GeoPoint;
import city.parkgrid.lots.Lot;
import city.parkgrid.lots.LotKind;
import city.parkgrid.money.Money;
import city.parkgrid.occupancy.GateEvent;
import city.parkgrid.occupancy.GateEventType;
import city.parkgrid.tariffs.Tariff;
import city.parkgrid.tariffs.TariffStore;
import city.parkgrid.tariffs.TariffVersion;
import city.parkgrid.tariffs.memory.InMemoryTariffStore;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Unified accounts and settlement, the same rules over every {@link AccountBook}: run in memory and
 * against real PostgreSQL. Each test uses fresh ids, so implementations may share a database.
 */
public abstract class AccountsContract {

    /** ¥10 an hour by day, ¥5 by night, 15 minutes free, ¥60 a day at most, residents 20% off. */
    protected static final Tariff TARIFF =
            new Tariff(15, 60, ofFen(1_000), ofFen(500), LocalTime.of(8, 0), LocalTime.of(20, 0), ofFen(6_000), 20);

    protected static final Instant NOON =
            LocalDateTime.of(2026, 11, 28, 12, 0).atZone(CityTime.SHANGHAI).toInstant();
    protected static final int COMMISSION_BP = 100;

    protected AccountBook book;
    protected AccountService accounts;
    protected SettlementService settlement;
    protected InMemoryPayerMemory payer;
    protected Lot lot;
    protected TariffStore tariffs;
    private final Set<String> residents = new HashSet<>();
    private SimulatedPaymentGateway.Settings gatewaySettings = SimulatedPaymentGateway.Settings.INSTANT;

    protected abstract AccountBook newBook();

    /** Where tariffs are kept beside the book; PostgreSQL's reads them over the same connection pool. */
    protected TariffStore newTariffStore(Lot lot) {
        return new InMemoryTariffStore();
    }

    /** The lot's id must exist where the book keeps tariffs' lots; subclasses may override. */
    protected String lotId() {
        return "lot-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @BeforeEach
    void setUp() {
        book = newBook();
        accounts = new AccountService(book);
        payer = new InMemoryPayerMemory();
        lot = new Lot(
                lotId(),
                "测试停车场",
                "Test car park",
                "op-" + UUID.randomUUID().toString().substring(0, 6),
                "z",
                LotKind.MALL,
                GeoPoint.of(31.3, 121.51),
                100);
        rebuildSettlement();
    }

    @Test
    void tariffsAreReadManyAtOnceAndLotsWithoutOneAreLeftOut() {
        TariffStore tariffs = newTariffStore(lot);
        tariffs.putTariff(lot.id(), TARIFF);
        assertThat(tariffs.findTariffs(List.of(lot.id(), "lot-without-tariff"), java.time.Instant.now()))
                .containsExactlyEntriesOf(Map.of(lot.id(), TARIFF));
        assertThat(tariffs.findTariffs(List.of(), java.time.Instant.now())).isEmpty();
    }

    private void rebuildSettlement() {
        tariffs = newTariffStore(lot);
        tariffs.putTariff(lot.id(), TARIFF);
        settlement = new SettlementService(
                book,
                tariffs,
                (plate, l) -> residents.contains(plate),
                new SimulatedPaymentGateway(gatewaySettings, payer),
                COMMISSION_BP,
                Duration.ofSeconds(1));
    }

    private void gateway(SimulatedPaymentGateway.Settings settings) {
        gatewaySettings = settings;
        rebuildSettlement();
    }

    /** Event ids are ASCII; plates are not. */
    protected static String ascii(String plate) {
        return plate.substring(1);
    }

    /**
     * A plate no other call in this JVM returns: six random digits drawn per plate collided for one
     * pair in about 2% of the 200-account runs (fresh-clone CI, "already bound to an account").
     */
    protected static String plate() {
        return "沪K" + String.format("%06d", (PLATE_BASE + PLATES.getAndIncrement()) % 1_000_000);
    }

    private static final long PLATE_BASE = new java.util.Random().nextInt(1_000_000);
    private static final java.util.concurrent.atomic.AtomicLong PLATES = new java.util.concurrent.atomic.AtomicLong();

    protected Account prepaid(String plate, long topUpFen) {
        Account account = accounts.open("acc-" + UUID.randomUUID(), Set.of(plate), null, PaymentMethod.PREPAID);
        if (topUpFen > 0) {
            accounts.topUp(account.id(), ofFen(topUpFen), "initial", NOON.minusSeconds(3600));
        }
        return account;
    }

    protected Account linked(String plate) {
        return accounts.open(
                "acc-" + UUID.randomUUID(),
                Set.of(plate),
                null,
                PaymentMethod.linked(PaymentMethod.Provider.ALIPAY, "alipay-" + plate));
    }

    protected List<String> gate(GateEventType type, String eventId, String plate, Instant at) {
        return settlement.recordGateEvents(lot, List.of(new GateEvent(eventId, type, plate, at, null)), at);
    }

    protected void assertLedgerConsistent(String... accountIds) {
        assertThat(book.trialBalance().balanced()).isTrue();
        for (String id : accountIds) {
            Account account = book.findAccount(id).orElseThrow();
            assertThat(book.ledgerBalance(Ledger.driver(id)))
                    .as("balance of %s equals its entries", id)
                    .isEqualTo(account.balance());
        }
    }

    @Test
    void opensAnAccountWithItsPlatesAndRefusesAPlateOfAnother() {
        String p = plate();
        Account a = prepaid(p, 0);
        assertThat(accounts.find(a.id()).orElseThrow().plates()).containsExactly(p);
        String fresh = plate();
        assertThatThrownBy(
                        () -> accounts.open("acc-" + UUID.randomUUID(), Set.of(fresh, p), null, PaymentMethod.PREPAID))
                .isInstanceOf(PlateBoundException.class);
        assertThatThrownBy(() -> accounts.open(a.id(), Set.of(plate()), null, PaymentMethod.PREPAID))
                .isInstanceOf(AccountService.AccountExistsException.class);
        Account other = prepaid(fresh, 0);
        assertThat(other.plates()).containsExactly(fresh);
    }

    @Test
    void platesAreAddedAndRemoved() {
        Account a = prepaid(plate(), 0);
        String second = plate();
        assertThat(accounts.addPlate(a.id(), second).plates()).contains(second);
        assertThat(accounts.addPlate(a.id(), second).plates()).contains(second);
        Account b = prepaid(plate(), 0);
        assertThatThrownBy(() -> accounts.addPlate(b.id(), second)).isInstanceOf(PlateBoundException.class);
        assertThat(accounts.removePlate(a.id(), second).plates()).doesNotContain(second);
        assertThat(accounts.addPlate(b.id(), second).plates()).contains(second);
    }

    @Test
    void theTrialBalanceCountsEachTransactionOnce() {
        long before = book.trialBalance().transactions();
        Account a = prepaid(plate(), 0);
        accounts.topUp(a.id(), ofFen(5_000), "k1", NOON);
        accounts.topUp(a.id(), ofFen(5_000), "k1", NOON);
        assertThat(book.trialBalance().transactions()).isEqualTo(before + 1);
        accounts.topUp(a.id(), ofFen(2_000), "k2", NOON);
        assertThat(book.trialBalance().transactions()).isEqualTo(before + 2);
        assertThat(book.trialBalance().balanced()).isTrue();
    }

    @Test
    void theSameTopUpKeyTopsUpOnce() {
        Account a = prepaid(plate(), 0);
        assertThat(accounts.topUp(a.id(), ofFen(5_000), "k1", NOON).created()).isTrue();
        AccountService.TopUpResult again = accounts.topUp(a.id(), ofFen(5_000), "k1", NOON);
        assertThat(again.created()).isFalse();
        assertThat(again.account().balance()).isEqualTo(ofFen(5_000));
        assertThatThrownBy(() -> accounts.topUp(a.id(), ofFen(6_000), "k1", NOON))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> accounts.topUp(a.id(), ofFen(0), "k2", NOON))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> accounts.topUp(a.id(), ofFen(-5), "k3", NOON))
                .isInstanceOf(InvalidInputException.class);
        assertThat(accounts.find(a.id()).orElseThrow().balance()).isEqualTo(ofFen(5_000));
        assertLedgerConsistent(a.id());
    }

    @Test
    void aPrepaidExitDebitsTheBalanceAndWritesBalancedEntries() {
        String p = plate();
        Account a = prepaid(p, 10_000);
        gate(GateEventType.ENTRY, "in-" + ascii(p), p, NOON);
        assertThat(accounts.sessions(a.id()))
                .singleElement()
                .satisfies(s -> assertThat(s.status()).isEqualTo(SessionStatus.OPEN));
        gate(GateEventType.EXIT, "out-" + ascii(p), p, NOON.plus(Duration.ofMinutes(150)));
        ParkingSession session = accounts.sessions(a.id()).get(0);
        assertThat(session.status()).isEqualTo(SessionStatus.SETTLED);
        assertThat(session.fee()).isEqualTo(ofFen(3_000));
        assertThat(accounts.find(a.id()).orElseThrow().balance()).isEqualTo(ofFen(7_000));
        assertThat(book.ledgerBalance(Ledger.operator(lot.operatorId()))).isEqualTo(ofFen(2_970));
        assertThat(book.ledgerBalance(Ledger.PLATFORM_REVENUE)).isGreaterThanOrEqualTo(ofFen(30));
        assertLedgerConsistent(a.id());
    }

    @Test
    void aStayAcrossATariffChangeIsSettledPieceByPieceAndEarlierSettlementsStayAsTheyWere() {
        String p = plate();
        Account a = prepaid(p, 20_000);
        gate(GateEventType.ENTRY, "in1-" + ascii(p), p, NOON);
        gate(GateEventType.EXIT, "out1-" + ascii(p), p, NOON.plus(Duration.ofMinutes(150)));
        Instant change = NOON.plus(Duration.ofHours(5));
        tariffs.putVersion(
                lot.id(),
                new TariffVersion(
                        change,
                        new Tariff(
                                15,
                                60,
                                ofFen(1_500),
                                ofFen(500),
                                LocalTime.of(8, 0),
                                LocalTime.of(20, 0),
                                ofFen(9_000),
                                20)));
        // 15:00 to 19:30: units at 15:00, 16:00 (¥10 each) then 17:00, 18:00, 19:00 (¥15 each)
        gate(GateEventType.ENTRY, "in2-" + ascii(p), p, NOON.plus(Duration.ofHours(3)));
        gate(GateEventType.EXIT, "out2-" + ascii(p), p, NOON.plus(Duration.ofMinutes(7 * 60 + 30)));
        List<ParkingSession> sessions = accounts.sessions(a.id());
        assertThat(sessions).extracting(ParkingSession::fee).containsExactlyInAnyOrder(ofFen(3_000), ofFen(6_500));
        assertThat(accounts.find(a.id()).orElseThrow().balance()).isEqualTo(ofFen(20_000 - 3_000 - 6_500));
        assertLedgerConsistent(a.id());
    }

    @Test
    void aShortBalanceLeavesArrearsThatTheNextTopUpRecoversFirst() {
        String p = plate();
        Account a = prepaid(p, 1_200);
        gate(GateEventType.ENTRY, "in-" + ascii(p), p, NOON);
        gate(GateEventType.EXIT, "out-" + ascii(p), p, NOON.plus(Duration.ofMinutes(150)));
        assertThat(accounts.sessions(a.id()).get(0).status()).isEqualTo(SessionStatus.ARREARS);
        Account after = accounts.find(a.id()).orElseThrow();
        assertThat(after.balance()).isEqualTo(Money.ZERO);
        assertThat(after.arrears()).isEqualTo(ofFen(1_800));
        Account topped = accounts.topUp(a.id(), ofFen(5_000), "k", NOON.plus(Duration.ofHours(4)))
                .account();
        assertThat(topped.arrears()).isEqualTo(Money.ZERO);
        assertThat(topped.balance()).isEqualTo(ofFen(3_200));
        assertThat(book.ledgerBalance(Ledger.receivable(a.id()))).isEqualTo(Money.ZERO);
        assertLedgerConsistent(a.id());
    }

    @Test
    void aLinkedExitIsChargedThroughThePayerOnce() {
        String p = plate();
        Account a = linked(p);
        Money payerBefore = book.ledgerBalance(Ledger.payer(PaymentMethod.Provider.ALIPAY));
        gate(GateEventType.ENTRY, "in-" + ascii(p), p, NOON);
        List<String> pending = gate(GateEventType.EXIT, "out-" + ascii(p), p, NOON.plus(Duration.ofMinutes(90)));
        assertThat(pending).hasSize(1);
        assertThat(accounts.sessions(a.id()).get(0).status()).isEqualTo(SessionStatus.PENDING);
        assertThat(settlement.attemptPayment(pending.get(0), NOON.plus(Duration.ofMinutes(91))))
                .contains(SessionStatus.SETTLED);
        assertThat(settlement.attemptPayment(pending.get(0), NOON.plus(Duration.ofMinutes(92))))
                .isEmpty();
        assertThat(payer.charges()).isEqualTo(1);
        assertThat(book.ledgerBalance(Ledger.payer(PaymentMethod.Provider.ALIPAY)))
                .isEqualTo(payerBefore.minus(ofFen(2_000)));
        assertThat(book.ledgerBalance(Ledger.receivable(a.id()))).isEqualTo(Money.ZERO);
        assertLedgerConsistent(a.id());
    }

    @Test
    void aDeclinedChargeBecomesArrears() {
        gateway(new SimulatedPaymentGateway.Settings(0, 1.0, 0, 7, false));
        String p = plate();
        Account a = linked(p);
        gate(GateEventType.ENTRY, "in-" + ascii(p), p, NOON);
        String id = gate(GateEventType.EXIT, "out-" + ascii(p), p, NOON.plus(Duration.ofMinutes(90)))
                .get(0);
        assertThat(settlement.attemptPayment(id, NOON.plus(Duration.ofMinutes(91))))
                .contains(SessionStatus.ARREARS);
        assertThat(accounts.find(a.id()).orElseThrow().arrears()).isEqualTo(ofFen(2_000));
        assertLedgerConsistent(a.id());
    }

    @Test
    void aTimeoutLeavesThePaymentPendingAndTheRetryChargesOnce() {
        gateway(new SimulatedPaymentGateway.Settings(0, 0, 1.0, 11, false));
        String p = plate();
        Account a = linked(p);
        gate(GateEventType.ENTRY, "in-" + ascii(p), p, NOON);
        String id = gate(GateEventType.EXIT, "out-" + ascii(p), p, NOON.plus(Duration.ofMinutes(90)))
                .get(0);
        for (int i = 0; i < 5; i++) {
            assertThat(settlement.attemptPayment(id, NOON.plus(Duration.ofHours(2 + i))))
                    .contains(SessionStatus.PENDING);
        }
        assertThat(book.findSession(id).orElseThrow().paymentAttempts()).isEqualTo(5);
        gateway(SimulatedPaymentGateway.Settings.INSTANT);
        assertThat(settlement.retryDuePayments(NOON.plus(Duration.ofDays(1)), 100))
                .isEqualTo(1);
        assertThat(book.findSession(id).orElseThrow().status()).isEqualTo(SessionStatus.SETTLED);
        assertThat(payer.charges()).isEqualTo(1);
        assertThat(settlement.retryDuePayments(NOON.plus(Duration.ofDays(2)), 100))
                .isZero();
        assertLedgerConsistent(a.id());
    }

    @Test
    void theSameExitTwiceOrFromTwoGatesChargesOnce() {
        String p = plate();
        Account a = prepaid(p, 10_000);
        gate(GateEventType.ENTRY, "in-" + ascii(p), p, NOON);
        Instant out = NOON.plus(Duration.ofMinutes(150));
        gate(GateEventType.EXIT, "out-" + ascii(p), p, out);
        gate(GateEventType.EXIT, "out-" + ascii(p), p, out);
        gate(GateEventType.EXIT, "other-gate-" + ascii(p), p, out);
        assertThat(accounts.find(a.id()).orElseThrow().balance()).isEqualTo(ofFen(7_000));
        assertThat(accounts.sessions(a.id())).hasSize(1);
        assertThat(book.listUnmatchedExits()).anyMatch(u -> u.operatorEventId().equals("other-gate-" + ascii(p)));
        assertLedgerConsistent(a.id());
    }

    @Test
    void concurrentReportsOfOneExitChargeOnce() throws Exception {
        String p = plate();
        Account a = prepaid(p, 10_000);
        gate(GateEventType.ENTRY, "in-" + ascii(p), p, NOON);
        Instant out = NOON.plus(Duration.ofMinutes(150));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> gates = new ArrayList<>();
            for (int g = 0; g < 8; g++) {
                String eventId = "gate" + g + "-" + ascii(p);
                gates.add(pool.submit(() -> {
                    start.await();
                    return gate(GateEventType.EXIT, eventId, p, out);
                }));
            }
            start.countDown();
            for (Future<?> f : gates) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(accounts.find(a.id()).orElseThrow().balance()).isEqualTo(ofFen(7_000));
        assertLedgerConsistent(a.id());
    }

    @Test
    void anExitWithoutEntryIsKeptForReviewNotCharged() {
        String p = plate();
        Account a = prepaid(p, 10_000);
        gate(GateEventType.EXIT, "lonely-" + ascii(p), p, NOON);
        assertThat(book.listUnmatchedExits())
                .anyMatch(u -> u.operatorEventId().equals("lonely-" + ascii(p))
                        && u.accountId().equals(a.id()));
        assertThat(accounts.find(a.id()).orElseThrow().balance()).isEqualTo(ofFen(10_000));
        assertThat(accounts.sessions(a.id())).isEmpty();
    }

    @Test
    void residentsOfTheLotsCommunityGetTheirDiscountAndUnboundPlatesAreIgnored() {
        String p = plate();
        Account a = prepaid(p, 10_000);
        residents.add(p);
        gate(GateEventType.ENTRY, "in-" + ascii(p), p, NOON);
        gate(GateEventType.EXIT, "out-" + ascii(p), p, NOON.plus(Duration.ofMinutes(150)));
        assertThat(accounts.sessions(a.id()).get(0).fee()).isEqualTo(ofFen(2_400));
        String stranger = plate();
        gate(GateEventType.ENTRY, "in-" + ascii(stranger), stranger, NOON);
        gate(GateEventType.EXIT, "out-" + ascii(stranger), stranger, NOON.plusSeconds(7200));
        assertThat(book.listUnmatchedExits()).noneMatch(u -> u.plate().equals(stranger));
    }

    @Test
    void operatorsAreOwedTheirLocalDaysFeesLessCommission() {
        for (int i = 0; i < 3; i++) {
            String p = plate();
            prepaid(p, 10_000);
            gate(GateEventType.ENTRY, "in-" + ascii(p), p, NOON);
            gate(GateEventType.EXIT, "out-" + ascii(p), p, NOON.plus(Duration.ofMinutes(150)));
        }
        List<LotSettlement> day = settlement.settlements(lot.operatorId(), LocalDate.of(2026, 11, 28));
        assertThat(day).singleElement().satisfies(s -> {
            assertThat(s.lotId()).isEqualTo(lot.id());
            assertThat(s.sessions()).isEqualTo(3);
            assertThat(s.fees()).isEqualTo(ofFen(9_000));
            assertThat(s.owed()).isEqualTo(ofFen(9_000 - 90));
        });
        assertThat(settlement.settlements(lot.operatorId(), LocalDate.of(2026, 11, 29)))
                .isEmpty();
    }

    @Test
    void anExitThatArrivesBeforeItsEntryIsPairedWithItAndTheNextVisitIsPricedOnItsOwn() {
        String p = plate();
        Account a = prepaid(p, 100_000);
        Instant in = NOON;
        Instant out = NOON.plus(Duration.ofMinutes(60));
        gate(GateEventType.EXIT, "early-out-" + ascii(p), p, out);
        gate(GateEventType.ENTRY, "late-in-" + ascii(p), p, in);
        assertThat(accounts.sessions(a.id())).singleElement().satisfies(s -> {
            assertThat(s.status()).isEqualTo(SessionStatus.SETTLED);
            assertThat(s.fee()).isEqualTo(ofFen(1_000));
        });
        assertThat(book.listUnmatchedExits()).noneMatch(u -> u.plate().equals(p));
        Instant nextDay = NOON.plus(Duration.ofDays(1));
        gate(GateEventType.ENTRY, "next-in-" + ascii(p), p, nextDay);
        gate(GateEventType.EXIT, "next-out-" + ascii(p), p, nextDay.plus(Duration.ofMinutes(30)));
        assertThat(accounts.sessions(a.id()).get(0).fee()).isEqualTo(ofFen(1_000));
        assertThat(accounts.find(a.id()).orElseThrow().balance()).isEqualTo(ofFen(98_000));
        assertLedgerConsistent(a.id());
    }

    @Test
    void eventIdsAreTheOperatorsPerLotSoAnotherLotMayUseTheSameOnes() {
        String p = plate();
        Account a = prepaid(p, 100_000);
        gate(GateEventType.ENTRY, "g1-0001", p, NOON);
        gate(GateEventType.EXIT, "g1-0002", p, NOON.plus(Duration.ofMinutes(60)));
        Lot first = lot;
        lot = new Lot(
                lotId(), "另一停车场", "Another car park", first.operatorId(), "z", LotKind.MALL, first.entrance(), 50);
        rebuildSettlement();
        gate(GateEventType.ENTRY, "g1-0001", p, NOON.plus(Duration.ofHours(2)));
        gate(GateEventType.EXIT, "g1-0002", p, NOON.plus(Duration.ofHours(3)));
        assertThat(accounts.sessions(a.id())).hasSize(2).allMatch(s -> s.status() == SessionStatus.SETTLED);
        assertThat(accounts.find(a.id()).orElseThrow().balance()).isEqualTo(ofFen(98_000));
    }

    @Test
    void aPlateCannotLeaveItsAccountWhileParked() {
        String p = plate();
        Account a = prepaid(p, 100_000);
        gate(GateEventType.ENTRY, "in-" + ascii(p), p, NOON);
        assertThatThrownBy(() -> accounts.removePlate(a.id(), p))
                .isInstanceOf(AccountService.PlateInUseException.class);
        gate(GateEventType.EXIT, "out-" + ascii(p), p, NOON.plus(Duration.ofMinutes(60)));
        assertThat(accounts.find(a.id()).orElseThrow().balance()).isEqualTo(ofFen(99_000));
        assertThat(accounts.removePlate(a.id(), p).plates()).doesNotContain(p);
    }

    @Test
    void aPaymentNotYetDueIsNotAttemptedAgain() {
        String p = plate();
        linked(p);
        gate(GateEventType.ENTRY, "in-" + ascii(p), p, NOON);
        String id = gate(GateEventType.EXIT, "out-" + ascii(p), p, NOON.plus(Duration.ofMinutes(90)))
                .get(0);
        gateway(new SimulatedPaymentGateway.Settings(0, 0, 1.0, 3, false));
        Instant at = NOON.plus(Duration.ofMinutes(90));
        assertThat(settlement.attemptPayment(id, at)).contains(SessionStatus.PENDING);
        assertThat(settlement.attemptPayment(id, at)).isEmpty();
        assertThat(book.findSession(id).orElseThrow().paymentAttempts()).isEqualTo(1);
    }
}
