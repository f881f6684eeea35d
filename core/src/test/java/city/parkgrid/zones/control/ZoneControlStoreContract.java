package city.parkgrid.zones.control;

import static org.assertj.core.api.Assertions.assertThat;

import city.parkgrid.money.Money;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every ZoneControlStore must do; run against memory (unit) and PostgreSQL (integration). */
public abstract class ZoneControlStoreContract {

    protected abstract ZoneControlStore newStore();

    private ZoneControlStore store;
    private String zone;
    private final Instant t0 = Instant.parse("2026-11-28T02:00:00Z");
    private final ZonePolicy policy = new ZonePolicy(
            0.8,
            List.of("wanda-plaza"),
            Map.of("bailian-youyicheng", 50),
            Money.ofFen(300),
            List.of("jiangwan-xinjiangwancheng", "siping-tongji"),
            // kept with the rest of the policy: the event's lots, its radius and when booking closes
            new EventScope(List.of("jiangwan-stadium"), 300),
            LocalTime.of(15, 0));

    @BeforeEach
    void setUp() {
        store = newStore();
        zone = "z-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private AuditEntry audit(String action, Instant at) {
        return new AuditEntry(zone, at, "bureau:duty", action, action + " detail");
    }

    @Test
    void aManualControlIsKeptWholeAndReplacedByTheNext() {
        assertThat(store.findManual(zone)).isEmpty();
        ManualControl first =
                new ManualControl(zone, ZoneMode.MANAGED, policy, t0, t0.plusSeconds(3600), "bureau:duty", "peak");
        store.putManual(first, audit("control", t0));
        assertThat(store.findManual(zone)).contains(first);
        ManualControl second = new ManualControl(
                zone, ZoneMode.NORMAL, ZonePolicy.NONE, t0.plusSeconds(60), null, "bureau:duty", "over");
        store.putManual(second, audit("control", t0.plusSeconds(60)));
        assertThat(store.findManual(zone)).contains(second);
    }

    @Test
    void schedulesAreListedAndDeletedByUnit() {
        Schedule weekend = new Schedule(
                "s1",
                zone,
                ZoneMode.MANAGED,
                policy,
                Set.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY),
                LocalTime.of(10, 0),
                LocalTime.of(22, 0),
                "bureau:duty");
        store.addSchedule(weekend, audit("schedule added", t0));
        assertThat(store.listSchedules(zone)).containsExactly(weekend);
        assertThat(store.listSchedules(zone + "-other")).isEmpty();
        assertThat(store.deleteSchedule(zone + "-other", "s1", audit("schedule deleted", t0)))
                .isFalse();
        assertThat(store.deleteSchedule(zone, "s1", audit("schedule deleted", t0.plusSeconds(1))))
                .isTrue();
        assertThat(store.deleteSchedule(zone, "s1", audit("schedule deleted", t0.plusSeconds(2))))
                .isFalse();
        assertThat(store.listSchedules(zone)).isEmpty();
    }

    @Test
    void aTriggersStateMovesOnlyFromTheStateTheCallerSaw() {
        Trigger trigger = new Trigger(zone, 0.9, 15, 0.85, 15, ZoneMode.MANAGED, policy, "bureau:duty", null, null);
        store.putTrigger(trigger, audit("trigger set", t0));
        assertThat(store.findTrigger(zone)).contains(trigger);
        assertThat(store.updateTriggerState(trigger, t0, null, null)).isTrue();
        Trigger breached = store.findTrigger(zone).orElseThrow();
        assertThat(breached).isEqualTo(trigger.withState(t0, null));
        Instant active = t0.plusSeconds(900);
        assertThat(store.updateTriggerState(breached, t0, active, audit("trigger activated", active)))
                .isTrue();
        // a node that still saw the trigger inactive loses
        assertThat(store.updateTriggerState(breached, t0, active.plusSeconds(1), audit("trigger activated", active)))
                .isFalse();
        assertThat(store.findTrigger(zone)).contains(trigger.withState(t0, active));
        assertThat(store.listAudit(zone)).extracting(AuditEntry::action).containsOnlyOnce("trigger activated");
    }

    @Test
    void aTriggersReleaseThresholdAndMinimumHoldAreKeptAndReplacedWithIt() {
        Trigger hysteresis = new Trigger(zone, 0.9, 15, 0.72, 0, ZoneMode.MANAGED, policy, "bureau:duty", null, null);
        store.putTrigger(hysteresis, audit("trigger set", t0));
        assertThat(store.findTrigger(zone)).contains(hysteresis);
        Trigger replaced = new Trigger(zone, 0.95, 30, 0.8, 45, ZoneMode.EMERGENCY, policy, "bureau:duty", null, null);
        store.putTrigger(replaced, audit("trigger set", t0.plusSeconds(60)));
        assertThat(store.findTrigger(zone)).contains(replaced);
        assertThat(store.updateTriggerState(replaced, t0, null, null)).isTrue();
        assertThat(store.findTrigger(zone).orElseThrow())
                .as("a change of state keeps them")
                .extracting(Trigger::releaseBelow, Trigger::minActiveMinutes)
                .containsExactly(0.8, 45);
    }

    @Test
    void onlyOneOfManyNodesReleasesATrigger() throws Exception {
        Trigger trigger = new Trigger(zone, 0.9, 15, 0.85, 15, ZoneMode.MANAGED, policy, "bureau:duty", null, null);
        store.putTrigger(trigger, audit("trigger set", t0));
        store.updateTriggerState(trigger, t0, t0.plusSeconds(900), null);
        Trigger active = store.findTrigger(zone).orElseThrow();
        ExecutorService nodes = Executors.newFixedThreadPool(4);
        try {
            Callable<Boolean> release =
                    () -> store.updateTriggerState(active, null, null, audit("trigger released", t0.plusSeconds(1800)));
            long won = 0;
            for (Future<Boolean> r : nodes.invokeAll(List.of(release, release, release, release))) {
                won += r.get() ? 1 : 0;
            }
            assertThat(won).isEqualTo(1);
        } finally {
            nodes.shutdown();
        }
        assertThat(store.findTrigger(zone).orElseThrow().activeSince()).isNull();
        assertThat(store.listAudit(zone)).extracting(AuditEntry::action).containsOnlyOnce("trigger released");
    }

    @Test
    void aNightScheduleIsKeptWithItsToBeforeItsFrom() {
        Schedule night = new Schedule(
                "n1",
                zone,
                ZoneMode.MANAGED,
                policy,
                Set.of(DayOfWeek.SUNDAY),
                LocalTime.of(22, 0),
                LocalTime.of(6, 0),
                "bureau:duty");
        store.addSchedule(night, audit("schedule added", t0));
        assertThat(store.listSchedules(zone)).containsExactly(night);
        assertThat(store.listSchedules(zone).get(0).overnight()).isTrue();
    }

    @Test
    void settingATriggerStartsItsStateAfresh() {
        store.putTrigger(
                new Trigger(zone, 0.9, 15, 0.85, 15, ZoneMode.MANAGED, policy, "bureau:duty", t0, t0),
                audit("trigger set", t0));
        assertThat(store.findTrigger(zone).orElseThrow().breachSince()).isNull();
        assertThat(store.findTrigger(zone).orElseThrow().activeSince()).isNull();
    }

    @Test
    void aTriggerTheBureauReplacedIsNotActivatedByANodeThatReadTheOldOne() {
        Trigger old = new Trigger(zone, 0.9, 15, 0.85, 15, ZoneMode.MANAGED, policy, "bureau:duty", null, null);
        store.putTrigger(old, audit("trigger set", t0));
        store.updateTriggerState(old, t0, null, null);
        Trigger seenByANode = store.findTrigger(zone).orElseThrow();
        store.putTrigger(
                new Trigger(zone, 0.95, 30, 0.8, 45, ZoneMode.EMERGENCY, policy, "bureau:duty", null, null),
                audit("trigger set", t0.plusSeconds(60)));
        assertThat(store.updateTriggerState(seenByANode, t0, t0.plusSeconds(900), audit("trigger activated", t0)))
                .isFalse();
        assertThat(store.findTrigger(zone).orElseThrow())
                .as("the bureau's trigger, unactivated")
                .isEqualTo(new Trigger(zone, 0.95, 30, 0.8, 45, ZoneMode.EMERGENCY, policy, "bureau:duty", null, null));
    }

    @Test
    void onlyOneOfManyNodesActivatesATrigger() throws Exception {
        Trigger trigger = new Trigger(zone, 0.9, 15, 0.85, 15, ZoneMode.MANAGED, policy, "bureau:duty", null, null);
        store.putTrigger(trigger, audit("trigger set", t0));
        store.updateTriggerState(trigger, t0, null, null);
        Trigger breached = store.findTrigger(zone).orElseThrow();
        ExecutorService nodes = Executors.newFixedThreadPool(4);
        try {
            Callable<Boolean> activate = () -> store.updateTriggerState(
                    breached, t0, t0.plusSeconds(900), audit("trigger activated", t0.plusSeconds(900)));
            List<Future<Boolean>> results = nodes.invokeAll(List.of(activate, activate, activate, activate));
            long won = 0;
            for (Future<Boolean> r : results) {
                won += r.get() ? 1 : 0;
            }
            assertThat(won).isEqualTo(1);
        } finally {
            nodes.shutdown();
        }
        assertThat(store.listAudit(zone)).extracting(AuditEntry::action).containsOnlyOnce("trigger activated");
    }

    @Test
    void everyChangeOfWhatIsInForceMovesTheVersionAndTheSnapshotHoldsItAll() {
        Trigger trigger = new Trigger(zone, 0.9, 15, 0.85, 15, ZoneMode.MANAGED, policy, "bureau:duty", null, null);
        Schedule weekend = new Schedule(
                "s-" + zone,
                zone,
                ZoneMode.MANAGED,
                policy,
                Set.of(DayOfWeek.SATURDAY),
                LocalTime.of(10, 0),
                LocalTime.of(22, 0),
                "bureau:duty");
        ManualControl manual =
                new ManualControl(zone, ZoneMode.EMERGENCY, policy, t0, t0.plusSeconds(600), "bureau:duty", "flood");
        List<Runnable> changes = List.of(
                () -> store.putManual(manual, audit("control", t0)),
                () -> store.addSchedule(weekend, audit("schedule added", t0)),
                () -> store.putTrigger(trigger, audit("trigger set", t0)),
                () -> store.updateTriggerState(trigger, t0, null, null),
                () -> store.putOperatorStatus(zone + "-lot", true, audit("lot closed", t0)));
        for (Runnable change : changes) {
            long before = store.version();
            change.run();
            assertThat(store.version()).isGreaterThan(before);
        }
        ControlSnapshot snapshot = store.snapshot();
        assertThat(snapshot.version()).isEqualTo(store.version());
        assertThat(snapshot.manual()).containsEntry(zone, manual);
        assertThat(snapshot.schedules()).containsEntry(zone, List.of(weekend));
        assertThat(snapshot.triggers()).containsEntry(zone, trigger.withState(t0, null));
        assertThat(snapshot.operatorClosed()).containsEntry(zone + "-lot", true);

        long before = store.version();
        assertThat(store.updateTriggerState(trigger, t0, null, null))
                .as("a compare-and-set that lost")
                .isFalse();
        store.appendAudit(audit("pricing-review", t0));
        store.recordMode(zone, ZoneMode.MANAGED, Money.ofFen(300), t0);
        assertThat(store.version()).as("nothing in force changed").isEqualTo(before);
        assertThat(store.deleteSchedule(zone, weekend.id(), audit("schedule deleted", t0)))
                .isTrue();
        assertThat(store.version()).isGreaterThan(before);
    }

    @Test
    void operatorsLotStatusesAreRemembered() {
        String lot = zone + "-lot";
        store.putOperatorStatus(lot, true, audit("lot closed", t0));
        assertThat(store.operatorClosedLots()).containsEntry(lot, true);
        store.putOperatorStatus(lot, false, audit("lot opened", t0.plusSeconds(1)));
        assertThat(store.operatorClosedLots().getOrDefault(lot, false)).isFalse();
    }

    @Test
    void theAuditLogIsNewestFirstAndPerUnit() {
        store.putManual(
                new ManualControl(zone, ZoneMode.EMERGENCY, policy, t0, null, "bureau:duty", "typhoon"),
                audit("first", t0));
        store.putManual(
                new ManualControl(
                        zone, ZoneMode.NORMAL, ZonePolicy.NONE, t0.plusSeconds(5), null, "bureau:duty", "calm"),
                audit("second", t0.plusSeconds(5)));
        List<AuditEntry> entries = store.listAudit(zone);
        assertThat(entries).extracting(AuditEntry::action).containsExactly("second", "first");
        assertThat(entries.get(0)).isEqualTo(audit("second", t0.plusSeconds(5)));
        assertThat(store.listAudit(zone + "-other")).isEmpty();
    }

    @Test
    void aModeIsRecordedOnlyWhenItChanges() {
        store.recordMode(zone, ZoneMode.MANAGED, Money.ofFen(300), t0);
        store.recordMode(zone, ZoneMode.MANAGED, Money.ofFen(300), t0.plusSeconds(1));
        store.recordMode(zone, ZoneMode.MANAGED, Money.ofFen(500), t0.plusSeconds(2));
        store.recordMode(zone, ZoneMode.NORMAL, Money.ZERO, t0.plusSeconds(3));
        assertThat(store.listModes(zone))
                .containsExactly(
                        new ZoneControlStore.ModeRecord(zone, ZoneMode.MANAGED, Money.ofFen(300), t0),
                        new ZoneControlStore.ModeRecord(zone, ZoneMode.MANAGED, Money.ofFen(500), t0.plusSeconds(2)),
                        new ZoneControlStore.ModeRecord(zone, ZoneMode.NORMAL, Money.ZERO, t0.plusSeconds(3)));
        store.recordMode(zone, ZoneMode.MANAGED, Money.ofFen(300), t0.plusSeconds(1));
        assertThat(store.listModes(zone))
                .last()
                .as("never before the latest record")
                .isEqualTo(
                        new ZoneControlStore.ModeRecord(zone, ZoneMode.MANAGED, Money.ofFen(300), t0.plusSeconds(3)));
    }
}
