package city.parkgrid.zones.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import city.parkgrid.CityTime;
import city.parkgrid.InvalidInputException;
import city.parkgrid.catalog.Geography;
import city.parkgrid.dataset.GeoJsonDataSetReader;
import city.parkgrid.money.Money;
import city.parkgrid.zones.control.memory.InMemoryZoneControlStore;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Which control is in force, when triggers fire, and what the MANAGED surcharge costs. */
class ControlRulesTest {

    /** Saturday 2026-11-28, 15:00 in Shanghai. */
    private static final Instant SATURDAY_AFTERNOON =
            LocalDateTime.of(2026, 11, 28, 15, 0).atZone(CityTime.SHANGHAI).toInstant();

    private static final ZonePolicy POLICY =
            new ZonePolicy(0.85, List.of(), Map.of(), Money.ZERO, List.of(), null, null);

    private static Schedule weekends(String id) {
        return new Schedule(
                id,
                "wujiaochang",
                ZoneMode.MANAGED,
                POLICY,
                EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY),
                LocalTime.of(10, 0),
                LocalTime.of(22, 0),
                "bureau");
    }

    private static Trigger activeTrigger() {
        return new Trigger(
                "wujiaochang",
                0.9,
                10,
                0.85,
                15,
                ZoneMode.EMERGENCY,
                POLICY,
                "bureau",
                SATURDAY_AFTERNOON,
                SATURDAY_AFTERNOON);
    }

    @Test
    void aManualControlOutranksAScheduleWhichOutranksATrigger() {
        ManualControl manual = new ManualControl(
                "wujiaochang", ZoneMode.EMERGENCY, POLICY, SATURDAY_AFTERNOON, null, "bureau", "typhoon");
        assertThat(ControlRules.resolve(
                                "wujiaochang",
                                Optional.of(manual),
                                List.of(weekends("s1")),
                                Optional.of(activeTrigger()),
                                SATURDAY_AFTERNOON)
                        .source())
                .isEqualTo(ControlSource.MANUAL);
        ZoneControl scheduled = ControlRules.resolve(
                "wujiaochang",
                Optional.empty(),
                List.of(weekends("s1")),
                Optional.of(activeTrigger()),
                SATURDAY_AFTERNOON);
        assertThat(scheduled.source()).isEqualTo(ControlSource.SCHEDULE);
        assertThat(scheduled.mode()).isEqualTo(ZoneMode.MANAGED);
        assertThat(scheduled.until())
                .isEqualTo(LocalDateTime.of(2026, 11, 28, 22, 0)
                        .atZone(CityTime.SHANGHAI)
                        .toInstant());
        assertThat(ControlRules.resolve(
                                "wujiaochang",
                                Optional.empty(),
                                List.of(),
                                Optional.of(activeTrigger()),
                                SATURDAY_AFTERNOON)
                        .source())
                .isEqualTo(ControlSource.TRIGGER);
        assertThat(ControlRules.resolve(
                                "wujiaochang", Optional.empty(), List.of(), Optional.empty(), SATURDAY_AFTERNOON)
                        .mode())
                .isEqualTo(ZoneMode.NORMAL);
    }

    @Test
    void atUntilAManualControlGivesWayByItself() {
        ManualControl manual = new ManualControl(
                "wujiaochang",
                ZoneMode.EMERGENCY,
                POLICY,
                SATURDAY_AFTERNOON,
                SATURDAY_AFTERNOON.plusSeconds(60),
                "bureau",
                "match");
        assertThat(ControlRules.resolve(
                                "wujiaochang",
                                Optional.of(manual),
                                List.of(),
                                Optional.empty(),
                                SATURDAY_AFTERNOON.plusSeconds(59))
                        .mode())
                .isEqualTo(ZoneMode.EMERGENCY);
        assertThat(ControlRules.resolve(
                                "wujiaochang",
                                Optional.of(manual),
                                List.of(),
                                Optional.empty(),
                                SATURDAY_AFTERNOON.plusSeconds(60))
                        .mode())
                .isEqualTo(ZoneMode.NORMAL);
        assertThat(ControlRules.resolve(
                                "wujiaochang",
                                Optional.of(manual),
                                List.of(weekends("s1")),
                                Optional.empty(),
                                SATURDAY_AFTERNOON.plusSeconds(60))
                        .source())
                .isEqualTo(ControlSource.SCHEDULE);
    }

    @Test
    void aManualNormalEndsTheManualControlUnlessItHoldsTheUnitNormalUntilATime() {
        ManualControl ended = new ManualControl(
                "wujiaochang", ZoneMode.NORMAL, ZonePolicy.NONE, SATURDAY_AFTERNOON, null, "bureau", "typhoon over");
        assertThat(ControlRules.resolve(
                                "wujiaochang",
                                Optional.of(ended),
                                List.of(weekends("s1")),
                                Optional.empty(),
                                SATURDAY_AFTERNOON)
                        .source())
                .as("the weekend schedule applies again")
                .isEqualTo(ControlSource.SCHEDULE);
        assertThat(ControlRules.resolve(
                                "wujiaochang", Optional.of(ended), List.of(), Optional.empty(), SATURDAY_AFTERNOON)
                        .mode())
                .isEqualTo(ZoneMode.NORMAL);
        ManualControl heldNormal = new ManualControl(
                "wujiaochang",
                ZoneMode.NORMAL,
                ZonePolicy.NONE,
                SATURDAY_AFTERNOON,
                SATURDAY_AFTERNOON.plusSeconds(3600),
                "bureau",
                "match cancelled");
        ZoneControl held = ControlRules.resolve(
                "wujiaochang",
                Optional.of(heldNormal),
                List.of(weekends("s1")),
                Optional.of(activeTrigger()),
                SATURDAY_AFTERNOON);
        assertThat(held.mode()).isEqualTo(ZoneMode.NORMAL);
        assertThat(held.source()).isEqualTo(ControlSource.MANUAL);
        assertThat(ControlRules.resolve(
                                "wujiaochang",
                                Optional.of(heldNormal),
                                List.of(weekends("s1")),
                                Optional.empty(),
                                SATURDAY_AFTERNOON.plusSeconds(3600))
                        .source())
                .isEqualTo(ControlSource.SCHEDULE);
    }

    @Test
    void schedulesFollowShanghaiDaysAndHours() {
        Instant fridayAfternoon = SATURDAY_AFTERNOON.minus(Duration.ofDays(1));
        Instant saturdayNight =
                LocalDateTime.of(2026, 11, 28, 22, 0).atZone(CityTime.SHANGHAI).toInstant();
        assertThat(ControlRules.resolve(
                                "z", Optional.empty(), List.of(weekends("s1")), Optional.empty(), fridayAfternoon)
                        .mode())
                .isEqualTo(ZoneMode.NORMAL);
        assertThat(ControlRules.resolve("z", Optional.empty(), List.of(weekends("s1")), Optional.empty(), saturdayNight)
                        .mode())
                .isEqualTo(ZoneMode.NORMAL);
    }

    private static Instant shanghai(int day, int hour, int minute) {
        return LocalDateTime.of(2026, 11, day, hour, minute)
                .atZone(CityTime.SHANGHAI)
                .toInstant();
    }

    /** SUN 22:00 → MON 06:00: a night control across the week's end. 29 November 2026 is a Sunday. */
    private static Schedule sundayNight() {
        return new Schedule(
                "n1",
                "wujiaochang",
                ZoneMode.MANAGED,
                POLICY,
                EnumSet.of(DayOfWeek.SUNDAY),
                LocalTime.of(22, 0),
                LocalTime.of(6, 0),
                "bureau");
    }

    private static ZoneControl at(Schedule schedule, Instant now) {
        return ControlRules.resolve("wujiaochang", Optional.empty(), List.of(schedule), Optional.empty(), now);
    }

    @Test
    void aNightScheduleRunsFromItsStartDayIntoTheNextAcrossTheWeeksEnd() {
        Instant sundayTen = shanghai(29, 22, 0);
        Instant mondaySix = shanghai(30, 6, 0);
        assertThat(at(sundayNight(), sundayTen.minusSeconds(1)).mode()).isEqualTo(ZoneMode.NORMAL);
        ZoneControl sundayNight = at(sundayNight(), sundayTen);
        assertThat(sundayNight.mode()).isEqualTo(ZoneMode.MANAGED);
        assertThat(sundayNight.since()).isEqualTo(sundayTen);
        assertThat(sundayNight.until()).as("ends the next morning, on MON").isEqualTo(mondaySix);
        assertThat(sundayNight.reason()).contains("SUN 22:00 → MON 06:00");
        ZoneControl mondayMorning = at(sundayNight(), shanghai(30, 5, 59));
        assertThat(mondayMorning.mode()).isEqualTo(ZoneMode.MANAGED);
        assertThat(mondayMorning.since()).as("began the evening before").isEqualTo(sundayTen);
        assertThat(mondayMorning.until()).isEqualTo(mondaySix);
        assertThat(at(sundayNight(), mondaySix).mode()).as("to is exclusive").isEqualTo(ZoneMode.NORMAL);
        assertThat(at(sundayNight(), shanghai(30, 22, 0)).mode())
                .as("MON is not a start day")
                .isEqualTo(ZoneMode.NORMAL);
        assertThat(at(sundayNight(), shanghai(29, 3, 0)).mode())
                .as("SAT is not a start day, so SUN 03:00 is free")
                .isEqualTo(ZoneMode.NORMAL);
        assertThat(at(sundayNight(), shanghai(28, 23, 0)).mode()).isEqualTo(ZoneMode.NORMAL);
    }

    @Test
    void aNightSchedulesWindowsNameTheDaysTheyStartAndEndOn() {
        Schedule weekendNights = new Schedule(
                "n2",
                "wujiaochang",
                ZoneMode.MANAGED,
                POLICY,
                EnumSet.of(DayOfWeek.SUNDAY, DayOfWeek.SATURDAY),
                LocalTime.of(22, 0),
                LocalTime.of(6, 0),
                "bureau");
        assertThat(weekendNights.overnight()).isTrue();
        assertThat(weekendNights.windows())
                .extracting(Schedule.Window::describe)
                .containsExactly("SAT 22:00 → SUN 06:00", "SUN 22:00 → MON 06:00");
        assertThat(at(weekendNights, shanghai(29, 3, 0)).since())
                .as("Saturday's night, in its small hours on Sunday")
                .isEqualTo(shanghai(28, 22, 0));
        assertThat(weekends("s1").overnight()).isFalse();
        assertThat(weekends("s1").describe()).isEqualTo("SAT 10:00 → SAT 22:00, SUN 10:00 → SUN 22:00");
    }

    @Test
    void aScheduleWhoseToEqualsFromIsRefusedNamingToAndOneRunningOvernightIsKept() {
        Geography geography = new Geography(GeoJsonDataSetReader.wujiaochang());
        ZoneControlService service = new ZoneControlService(new InMemoryZoneControlStore(), geography, geography);
        assertThatThrownBy(() -> service.addSchedule(
                        "wujiaochang",
                        ZoneMode.MANAGED,
                        POLICY,
                        EnumSet.of(DayOfWeek.SUNDAY),
                        LocalTime.of(22, 0),
                        LocalTime.of(22, 0),
                        "bureau",
                        SATURDAY_AFTERNOON))
                .isInstanceOf(InvalidInputException.class)
                .extracting("field")
                .isEqualTo("to");
        assertThat(service.listSchedules("wujiaochang")).isEmpty();
        Schedule night = service.addSchedule(
                "wujiaochang",
                ZoneMode.MANAGED,
                POLICY,
                EnumSet.of(DayOfWeek.SUNDAY),
                LocalTime.of(22, 0),
                LocalTime.of(6, 0),
                "bureau",
                SATURDAY_AFTERNOON);
        assertThat(service.current("wujiaochang", shanghai(30, 5, 59)).setBy()).isEqualTo("schedule:" + night.id());
        assertThat(service.audit("wujiaochang").get(0).detail()).contains("SUN 22:00 → MON 06:00");
    }

    @Test
    void aNodeKnowsTheNextInstantAScheduleOrAManualControlMayChangeWhatIsInForce() {
        Schedule night = sundayNight();
        ControlSnapshot snapshot =
                new ControlSnapshot(1, Map.of(), Map.of("wujiaochang", List.of(night)), Map.of(), Map.of());
        assertThat(snapshot.nextBoundary(SATURDAY_AFTERNOON))
                .as("Sunday's start")
                .isEqualTo(shanghai(29, 22, 0));
        assertThat(snapshot.nextBoundary(shanghai(29, 22, 0)))
                .as("strictly after: the end, on Monday across the week's end")
                .isEqualTo(shanghai(30, 6, 0));
        assertThat(snapshot.nextBoundary(shanghai(30, 6, 0)))
                .as("a week on")
                .isEqualTo(shanghai(29, 22, 0).plus(Duration.ofDays(7)));
        Instant until = SATURDAY_AFTERNOON.plus(Duration.ofHours(1));
        ControlSnapshot withManual = new ControlSnapshot(
                2,
                Map.of(
                        "wujiaochang",
                        new ManualControl(
                                "wujiaochang", ZoneMode.EMERGENCY, POLICY, SATURDAY_AFTERNOON, until, "bureau", "x")),
                snapshot.schedules(),
                Map.of(),
                Map.of());
        assertThat(withManual.nextBoundary(SATURDAY_AFTERNOON)).isEqualTo(until);
        assertThat(withManual.nextBoundary(until)).isEqualTo(shanghai(29, 22, 0));
        assertThat(new ControlSnapshot(3, Map.of(), Map.of(), Map.of(), Map.of()).nextBoundary(SATURDAY_AFTERNOON))
                .isNull();
    }

    @Test
    void aTriggerFiresAfterItsMinutesAboveTheThresholdRecordsThatItDidAndReleasesAfterItsMinimumHold() {
        Geography geography = new Geography(GeoJsonDataSetReader.wujiaochang());
        InMemoryZoneControlStore store = new InMemoryZoneControlStore();
        ZoneControlService service = new ZoneControlService(store, geography, geography);
        service.putTrigger("wujiaochang", 0.9, 10, null, null, ZoneMode.MANAGED, POLICY, "bureau", SATURDAY_AFTERNOON);
        service.evaluateTriggers(SATURDAY_AFTERNOON, z -> 0.95);
        assertThat(service.current("wujiaochang", SATURDAY_AFTERNOON).mode()).isEqualTo(ZoneMode.NORMAL);
        service.evaluateTriggers(SATURDAY_AFTERNOON.plus(Duration.ofMinutes(9)), z -> 0.95);
        assertThat(service.current("wujiaochang", SATURDAY_AFTERNOON.plus(Duration.ofMinutes(9)))
                        .mode())
                .isEqualTo(ZoneMode.NORMAL);
        Instant fired = SATURDAY_AFTERNOON.plus(Duration.ofMinutes(10));
        service.evaluateTriggers(fired, z -> 0.95);
        ZoneControl control = service.current("wujiaochang", fired);
        assertThat(control.mode()).isEqualTo(ZoneMode.MANAGED);
        assertThat(control.source()).isEqualTo(ControlSource.TRIGGER);
        assertThat(service.audit("wujiaochang"))
                .extracting(AuditEntry::action)
                .contains("trigger activated", "trigger set");
        service.evaluateTriggers(fired.plusSeconds(60), z -> 0.5);
        assertThat(service.current("wujiaochang", fired.plusSeconds(60)).mode())
                .as("held for the default 15 minutes however low the demand")
                .isEqualTo(ZoneMode.MANAGED);
        Instant held = fired.plus(Duration.ofMinutes(Trigger.DEFAULT_MIN_ACTIVE_MINUTES));
        service.evaluateTriggers(held, z -> 0.5);
        assertThat(service.current("wujiaochang", held).mode()).isEqualTo(ZoneMode.NORMAL);
        assertThat(service.audit("wujiaochang").get(0).action()).isEqualTo("trigger released");
    }

    @Test
    void aTriggerLeftWithoutReleaseBelowAndMinimumHoldGetsTheDefaultsAndRefusesAReleaseNotBelowItsThreshold() {
        Geography geography = new Geography(GeoJsonDataSetReader.wujiaochang());
        ZoneControlService service = new ZoneControlService(new InMemoryZoneControlStore(), geography, geography);
        Trigger defaults = service.putTrigger(
                "wujiaochang", 0.85, 5, null, null, ZoneMode.MANAGED, POLICY, "bureau", SATURDAY_AFTERNOON);
        assertThat(defaults.releaseBelow()).isEqualTo(0.8);
        assertThat(defaults.minActiveMinutes()).isEqualTo(15);
        assertThat(Trigger.defaultReleaseBelow(0.06))
                .as("stays above 0 for a low threshold")
                .isEqualTo(0.03);
        assertThat(service.putTrigger(
                        "wujiaochang", 0.85, 5, 0.7, 0, ZoneMode.MANAGED, POLICY, "bureau", SATURDAY_AFTERNOON))
                .extracting(Trigger::releaseBelow, Trigger::minActiveMinutes)
                .containsExactly(0.7, 0);
        for (double bad : new double[] {0.85, 0.9, 0, -0.1}) {
            assertThatThrownBy(() -> service.putTrigger(
                            "wujiaochang", 0.85, 5, bad, null, ZoneMode.MANAGED, POLICY, "bureau", SATURDAY_AFTERNOON))
                    .as("releaseBelow %s", bad)
                    .isInstanceOf(InvalidInputException.class)
                    .extracting("field")
                    .isEqualTo("releaseBelow");
        }
        for (int bad : new int[] {-1, 1441}) {
            assertThatThrownBy(() -> service.putTrigger(
                            "wujiaochang", 0.85, 5, null, bad, ZoneMode.MANAGED, POLICY, "bureau", SATURDAY_AFTERNOON))
                    .as("minActiveMinutes %s", bad)
                    .isInstanceOf(InvalidInputException.class)
                    .extracting("field")
                    .isEqualTo("minActiveMinutes");
        }
        assertThat(service.findTrigger("wujiaochang").orElseThrow().releaseBelow())
                .as("a refused trigger changes nothing")
                .isEqualTo(0.7);
    }

    /** The unit's modes as a node sees them tick by tick: each change, when it happened. */
    private static List<Instant> modeChanges(
            ZoneControlService service,
            Instant from,
            Duration length,
            Duration tick,
            Function<Duration, Double> demandAt,
            ZoneControlService... otherNodes) {
        List<Instant> changes = new ArrayList<>();
        ZoneMode mode = ZoneMode.NORMAL;
        for (Duration t = Duration.ZERO; t.compareTo(length) < 0; t = t.plus(tick)) {
            Instant now = from.plus(t);
            double demand = demandAt.apply(t);
            service.evaluateTriggers(now, z -> demand);
            for (ZoneControlService node : otherNodes) {
                node.evaluateTriggers(now, z -> demand);
            }
            ZoneMode seen = service.current("wujiaochang", now).mode();
            if (seen != mode) {
                changes.add(now);
                mode = seen;
            }
        }
        return changes;
    }

    private static long audited(ZoneControlService service, String action) {
        return service.audit("wujiaochang").stream()
                .filter(a -> a.action().equals(action))
                .count();
    }

    @Test
    void aUnitHoveringAtTheThresholdIsManagedOnceAndNotFlappedBackAndForth() {
        Geography geography = new Geography(GeoJsonDataSetReader.wujiaochang());
        ZoneControlService service = new ZoneControlService(new InMemoryZoneControlStore(), geography, geography);
        service.putTrigger("wujiaochang", 0.85, 1, null, null, ZoneMode.MANAGED, POLICY, "bureau", SATURDAY_AFTERNOON);
        // a peak builds for five minutes, then hovers: 0.86 and 0.84 by turns, a minute each, for three hours
        List<Instant> changes = modeChanges(
                service,
                SATURDAY_AFTERNOON,
                Duration.ofHours(3),
                Duration.ofSeconds(10),
                t -> t.toMinutes() < 5 ? 0.9 : t.toMinutes() % 2 == 0 ? 0.86 : 0.84);
        assertThat(changes)
                .as("activated once, never released between 0.84 and 0.86")
                .containsExactly(SATURDAY_AFTERNOON.plus(Duration.ofMinutes(1)));
        assertThat(audited(service, "trigger activated")).isEqualTo(1);
        assertThat(audited(service, "trigger released")).isZero();
    }

    @Test
    void aUnitSwingingThroughTheReleaseThresholdChangesModeAtMostOncePerMinimumHoldOnEveryNode() {
        Geography geography = new Geography(GeoJsonDataSetReader.wujiaochang());
        InMemoryZoneControlStore store = new InMemoryZoneControlStore();
        ZoneControlService nodeA = new ZoneControlService(store, geography, geography);
        ZoneControlService nodeB = new ZoneControlService(store, geography, geography);
        Trigger trigger = nodeA.putTrigger(
                "wujiaochang", 0.85, 1, null, null, ZoneMode.MANAGED, POLICY, "bureau", SATURDAY_AFTERNOON);
        Duration minimumHold = Duration.ofMinutes(trigger.minActiveMinutes());
        Duration length = Duration.ofHours(3);
        // two minutes at 0.86, one at 0.78 (under releaseBelow), over and over: the old trigger flapped every 90 s
        List<Instant> changes = modeChanges(
                nodeA,
                SATURDAY_AFTERNOON,
                length,
                Duration.ofSeconds(10),
                t -> t.toMinutes() % 3 < 2 ? 0.86 : 0.78,
                nodeB);
        assertThat(changes.size())
                .as("released once the minimum hold is over and the demand is low")
                .isGreaterThan(2);
        for (int i = 0; i + 1 < changes.size(); i += 2) {
            assertThat(Duration.between(changes.get(i), changes.get(i + 1)))
                    .as("active stretch from %s", changes.get(i))
                    .isGreaterThanOrEqualTo(minimumHold);
        }
        long activations = (changes.size() + 1) / 2;
        assertThat(activations).isLessThanOrEqualTo(length.dividedBy(minimumHold) + 1);
        assertThat(audited(nodeA, "trigger activated"))
                .as("one audit entry per activation, whichever node won")
                .isEqualTo(activations);
        assertThat(audited(nodeA, "trigger released")).isEqualTo(changes.size() / 2);
    }

    @Test
    void theManagedSurchargeCountsOnlyTheManagedPartOfAStay() {
        Instant t0 = SATURDAY_AFTERNOON;
        List<ZoneControlStore.ModeRecord> history = List.of(
                new ZoneControlStore.ModeRecord("z", ZoneMode.NORMAL, Money.ZERO, t0.minus(Duration.ofDays(1))),
                new ZoneControlStore.ModeRecord("z", ZoneMode.MANAGED, Money.ofFen(600), t0),
                new ZoneControlStore.ModeRecord("z", ZoneMode.NORMAL, Money.ZERO, t0.plus(Duration.ofHours(2))));
        assertThat(ManagedSurcharge.of(history, t0.minus(Duration.ofHours(1)), t0.plus(Duration.ofHours(1))))
                .isEqualTo(Money.ofFen(600));
        assertThat(ManagedSurcharge.of(history, t0.plus(Duration.ofMinutes(90)), t0.plus(Duration.ofHours(5))))
                .isEqualTo(Money.ofFen(300));
        assertThat(ManagedSurcharge.of(history, t0.minus(Duration.ofHours(3)), t0.minus(Duration.ofHours(1))))
                .isEqualTo(Money.ZERO);
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
        assertThat(ManagedSurcharge.of(history, t0, t0.plus(Duration.ofHours(2))))
                .isEqualTo(Money.ofFen(1));
        assertThat(ManagedSurcharge.of(history, t0, t0.plus(Duration.ofMinutes(45))))
                .isEqualTo(Money.ZERO);
    }
}
