package city.parkgrid.zones.control;

import static org.assertj.core.api.Assertions.assertThat;

import city.parkgrid.CityTime;
import city.parkgrid.catalog.Geography;
import city.parkgrid.dataset.GeoJsonDataSetReader;
import city.parkgrid.money.Money;
import city.parkgrid.zones.control.memory.InMemoryZoneControlStore;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which control is in force, when triggers fire, and what the MANAGED surcharge costs. */
class ControlRulesTest {

    /** Saturday 2026-11-28, 15:00 in Shanghai. */
    private static final Instant SATURDAY_AFTERNOON = LocalDateTime.of(2026, 11, 28, 15, 0).atZone(CityTime.SHANGHAI).toInstant();
    private static final ZonePolicy POLICY = new ZonePolicy(0.85, List.of(), Map.of(), Money.ZERO, List.of());

    private static Schedule weekends(String id) {
        return new Schedule(id, "wujiaochang", ZoneMode.MANAGED, POLICY, EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY),
                LocalTime.of(10, 0), LocalTime.of(22, 0), "bureau");
    }

    private static Trigger activeTrigger() {
        return new Trigger("wujiaochang", 0.9, 10, ZoneMode.EMERGENCY, POLICY, "bureau", SATURDAY_AFTERNOON, SATURDAY_AFTERNOON);
    }

    @Test
    void aManualControlOutranksAScheduleWhichOutranksATrigger() {
        ManualControl manual = new ManualControl("wujiaochang", ZoneMode.EMERGENCY, POLICY, SATURDAY_AFTERNOON, null, "bureau", "typhoon");
        assertThat(ControlRules.resolve("wujiaochang", Optional.of(manual), List.of(weekends("s1")), Optional.of(activeTrigger()),
                SATURDAY_AFTERNOON).source()).isEqualTo(ControlSource.MANUAL);
        ZoneControl scheduled = ControlRules.resolve("wujiaochang", Optional.empty(), List.of(weekends("s1")),
                Optional.of(activeTrigger()), SATURDAY_AFTERNOON);
        assertThat(scheduled.source()).isEqualTo(ControlSource.SCHEDULE);
        assertThat(scheduled.mode()).isEqualTo(ZoneMode.MANAGED);
        assertThat(scheduled.until()).isEqualTo(LocalDateTime.of(2026, 11, 28, 22, 0).atZone(CityTime.SHANGHAI).toInstant());
        assertThat(ControlRules.resolve("wujiaochang", Optional.empty(), List.of(), Optional.of(activeTrigger()),
                SATURDAY_AFTERNOON).source()).isEqualTo(ControlSource.TRIGGER);
        assertThat(ControlRules.resolve("wujiaochang", Optional.empty(), List.of(), Optional.empty(), SATURDAY_AFTERNOON).mode())
                .isEqualTo(ZoneMode.NORMAL);
    }

    @Test
    void atUntilAManualControlGivesWayByItself() {
        ManualControl manual = new ManualControl("wujiaochang", ZoneMode.EMERGENCY, POLICY, SATURDAY_AFTERNOON,
                SATURDAY_AFTERNOON.plusSeconds(60), "bureau", "match");
        assertThat(ControlRules.resolve("wujiaochang", Optional.of(manual), List.of(), Optional.empty(),
                SATURDAY_AFTERNOON.plusSeconds(59)).mode()).isEqualTo(ZoneMode.EMERGENCY);
        assertThat(ControlRules.resolve("wujiaochang", Optional.of(manual), List.of(), Optional.empty(),
                SATURDAY_AFTERNOON.plusSeconds(60)).mode()).isEqualTo(ZoneMode.NORMAL);
        assertThat(ControlRules.resolve("wujiaochang", Optional.of(manual), List.of(weekends("s1")), Optional.empty(),
                SATURDAY_AFTERNOON.plusSeconds(60)).source()).isEqualTo(ControlSource.SCHEDULE);
    }

    @Test
    void aManualNormalEndsTheManualControlUnlessItHoldsTheUnitNormalUntilATime() {
        ManualControl ended = new ManualControl("wujiaochang", ZoneMode.NORMAL, ZonePolicy.NONE, SATURDAY_AFTERNOON, null,
                "bureau", "typhoon over");
        assertThat(ControlRules.resolve("wujiaochang", Optional.of(ended), List.of(weekends("s1")), Optional.empty(),
                SATURDAY_AFTERNOON).source()).as("the weekend schedule applies again").isEqualTo(ControlSource.SCHEDULE);
        assertThat(ControlRules.resolve("wujiaochang", Optional.of(ended), List.of(), Optional.empty(),
                SATURDAY_AFTERNOON).mode()).isEqualTo(ZoneMode.NORMAL);
        ManualControl heldNormal = new ManualControl("wujiaochang", ZoneMode.NORMAL, ZonePolicy.NONE, SATURDAY_AFTERNOON,
                SATURDAY_AFTERNOON.plusSeconds(3600), "bureau", "match cancelled");
        ZoneControl held = ControlRules.resolve("wujiaochang", Optional.of(heldNormal), List.of(weekends("s1")),
                Optional.of(activeTrigger()), SATURDAY_AFTERNOON);
        assertThat(held.mode()).isEqualTo(ZoneMode.NORMAL);
        assertThat(held.source()).isEqualTo(ControlSource.MANUAL);
        assertThat(ControlRules.resolve("wujiaochang", Optional.of(heldNormal), List.of(weekends("s1")), Optional.empty(),
                SATURDAY_AFTERNOON.plusSeconds(3600)).source()).isEqualTo(ControlSource.SCHEDULE);
    }

    @Test
    void schedulesFollowShanghaiDaysAndHours() {
        Instant fridayAfternoon = SATURDAY_AFTERNOON.minus(Duration.ofDays(1));
        Instant saturdayNight = LocalDateTime.of(2026, 11, 28, 22, 0).atZone(CityTime.SHANGHAI).toInstant();
        assertThat(ControlRules.resolve("z", Optional.empty(), List.of(weekends("s1")), Optional.empty(), fridayAfternoon).mode())
                .isEqualTo(ZoneMode.NORMAL);
        assertThat(ControlRules.resolve("z", Optional.empty(), List.of(weekends("s1")), Optional.empty(), saturdayNight).mode())
                .isEqualTo(ZoneMode.NORMAL);
    }

    @Test
    void aTriggerFiresAfterItsMinutesAboveTheThresholdRecordsThatItDidAndReleases() {
        Geography geography = new Geography(GeoJsonDataSetReader.wujiaochang());
        InMemoryZoneControlStore store = new InMemoryZoneControlStore();
        ZoneControlService service = new ZoneControlService(store, geography, geography);
        service.putTrigger("wujiaochang", 0.9, 10, ZoneMode.MANAGED, POLICY, "bureau", SATURDAY_AFTERNOON);
        service.evaluateTriggers(SATURDAY_AFTERNOON, z -> 0.95);
        assertThat(service.current("wujiaochang", SATURDAY_AFTERNOON).mode()).isEqualTo(ZoneMode.NORMAL);
        service.evaluateTriggers(SATURDAY_AFTERNOON.plus(Duration.ofMinutes(9)), z -> 0.95);
        assertThat(service.current("wujiaochang", SATURDAY_AFTERNOON.plus(Duration.ofMinutes(9))).mode()).isEqualTo(ZoneMode.NORMAL);
        Instant fired = SATURDAY_AFTERNOON.plus(Duration.ofMinutes(10));
        service.evaluateTriggers(fired, z -> 0.95);
        ZoneControl control = service.current("wujiaochang", fired);
        assertThat(control.mode()).isEqualTo(ZoneMode.MANAGED);
        assertThat(control.source()).isEqualTo(ControlSource.TRIGGER);
        assertThat(service.audit("wujiaochang")).extracting(AuditEntry::action).contains("trigger activated", "trigger set");
        service.evaluateTriggers(fired.plusSeconds(60), z -> 0.5);
        assertThat(service.current("wujiaochang", fired.plusSeconds(60)).mode()).isEqualTo(ZoneMode.NORMAL);
        assertThat(service.audit("wujiaochang").get(0).action()).isEqualTo("trigger released");
    }

    @Test
    void theManagedSurchargeCountsOnlyTheManagedPartOfAStay() {
        Instant t0 = SATURDAY_AFTERNOON;
        List<ZoneControlStore.ModeRecord> history = List.of(
                new ZoneControlStore.ModeRecord("z", ZoneMode.NORMAL, Money.ZERO, t0.minus(Duration.ofDays(1))),
                new ZoneControlStore.ModeRecord("z", ZoneMode.MANAGED, Money.ofFen(600), t0),
                new ZoneControlStore.ModeRecord("z", ZoneMode.NORMAL, Money.ZERO, t0.plus(Duration.ofHours(2))));
        assertThat(ManagedSurcharge.of(history, t0.minus(Duration.ofHours(1)), t0.plus(Duration.ofHours(1)))).isEqualTo(Money.ofFen(600));
        assertThat(ManagedSurcharge.of(history, t0.plus(Duration.ofMinutes(90)), t0.plus(Duration.ofHours(5)))).isEqualTo(Money.ofFen(300));
        assertThat(ManagedSurcharge.of(history, t0.minus(Duration.ofHours(3)), t0.minus(Duration.ofHours(1)))).isEqualTo(Money.ZERO);
        assertThat(ManagedSurcharge.of(history, t0, t0.plusSeconds(7))).isEqualTo(Money.ofFen(1));
    }

    @Test
    void theManagedSurchargeOfAStayIsRoundedDownOnceNotOncePerManagedStretch() {
        Instant t0 = SATURDAY_AFTERNOON;
        // two half hours at 1 fen an hour: half a fen each, one fen together
        List<ZoneControlStore.ModeRecord> history = List.of(
                new ZoneControlStore.ModeRecord("z", ZoneMode.MANAGED, Money.ofFen(1), t0),
                new ZoneControlStore.ModeRecord("z", ZoneMode.NORMAL, Money.ZERO, t0.plus(Duration.ofMinutes(30))),
                new ZoneControlStore.ModeRecord("z", ZoneMode.MANAGED, Money.ofFen(1), t0.plus(Duration.ofMinutes(60))),
                new ZoneControlStore.ModeRecord("z", ZoneMode.NORMAL, Money.ZERO, t0.plus(Duration.ofMinutes(90))));
        assertThat(ManagedSurcharge.of(history, t0, t0.plus(Duration.ofHours(2)))).isEqualTo(Money.ofFen(1));
        assertThat(ManagedSurcharge.of(history, t0, t0.plus(Duration.ofMinutes(45)))).isEqualTo(Money.ZERO);
    }
}
