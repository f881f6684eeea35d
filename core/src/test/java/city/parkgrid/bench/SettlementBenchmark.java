package city.parkgrid.bench;

import city.parkgrid.accounts.AccountService;
import city.parkgrid.accounts.PaymentMethod;
import city.parkgrid.accounts.SettlementService;
import city.parkgrid.accounts.postgres.PostgresAccountBook;
import city.parkgrid.accounts.postgres.PostgresPayerMemory;
import city.parkgrid.accounts.simulated.SimulatedPaymentGateway;
import city.parkgrid.catalog.postgis.PostgisGeographyStore;
import city.parkgrid.dataset.GeoJsonDataSetReader;
import city.parkgrid.lots.Lot;
import city.parkgrid.money.Money;
import city.parkgrid.occupancy.GateEvent;
import city.parkgrid.occupancy.GateEventType;
import city.parkgrid.postgres.PostgresDatabase;
import city.parkgrid.tariffs.Tariff;
import city.parkgrid.tariffs.postgres.PostgresTariffStore;
import city.parkgrid.testing.TestServices;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Settlement on real PostgreSQL: one operation is a car's exit that closes its session, prices it
 * by the lot's tariff and settles it with balanced ledger entries — from the prepaid balance in
 * the same transaction, or through the (instant, simulated) linked payer in a second one. The
 * entry is recorded in the same operation (its own small transaction), so the figures include it. Throughput gives
 * settlements per second; sample time gives exit-to-settled latency percentiles.
 * Run with {@code ./parkgrid bench SettlementBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.Throughput, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class SettlementBenchmark {

    private static final int DRIVERS = 2_000;

    @Param({"PREPAID", "LINKED"})
    public String method;

    private PostgresDatabase database;
    private SettlementService settlement;
    private Lot lot;
    private final AtomicLong events = new AtomicLong();
    private final Instant start = Instant.parse("2026-11-28T02:00:00Z");

    @Setup(Level.Trial)
    public void setUp() {
        database = TestServices.migratedDatabase(TestServices.uniqueSchema());
        new PostgisGeographyStore(database).importDataSet(GeoJsonDataSetReader.wujiaochang());
        PostgresTariffStore tariffs = new PostgresTariffStore(database);
        tariffs.putTariff(
                "wanda-plaza",
                new Tariff(
                        15,
                        60,
                        Money.ofFen(1_000),
                        Money.ofFen(500),
                        LocalTime.of(8, 0),
                        LocalTime.of(20, 0),
                        Money.ofFen(6_000),
                        0));
        lot = new PostgisGeographyStore(database)
                .load().lots().stream()
                        .filter(l -> l.id().equals("wanda-plaza"))
                        .findFirst()
                        .orElseThrow();
        PostgresAccountBook book = new PostgresAccountBook(database);
        settlement = new SettlementService(
                book,
                tariffs,
                (plate, l) -> false,
                new SimulatedPaymentGateway(
                        SimulatedPaymentGateway.Settings.INSTANT, new PostgresPayerMemory(database)),
                100,
                Duration.ofSeconds(5));
        AccountService accounts = new AccountService(book);
        for (int d = 0; d < DRIVERS; d++) {
            PaymentMethod pm = method.equals("LINKED")
                    ? PaymentMethod.linked(PaymentMethod.Provider.ETC, "etc-" + d)
                    : PaymentMethod.PREPAID;
            accounts.open("bench-" + d, Set.of("沪B" + (100000 + d)), null, pm);
            if (pm.type() == PaymentMethod.Type.PREPAID) {
                accounts.topUp("bench-" + d, Money.ofFen(10_000_000), "seed", start);
            }
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        TestServices.dropSchema(database);
        database.close();
    }

    @Benchmark
    public Object exitToSettled() {
        long n = events.getAndIncrement();
        String plate = "沪B" + (100000 + n % DRIVERS);
        Instant in = start.plusSeconds(n * 10);
        settlement.recordGateEvents(
                lot, List.of(new GateEvent("e" + n + "-in", GateEventType.ENTRY, plate, in, null)), in);
        Instant out = in.plusSeconds(5_400);
        List<String> pending = settlement.recordGateEvents(
                lot, List.of(new GateEvent("e" + n + "-out", GateEventType.EXIT, plate, out, null)), out);
        pending.forEach(id -> settlement.attemptPayment(id, out));
        return pending;
    }
}
