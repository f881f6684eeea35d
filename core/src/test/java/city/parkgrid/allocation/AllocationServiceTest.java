package city.parkgrid.allocation;

import static org.assertj.core.api.Assertions.assertThat;

import city.parkgrid.catalog.Geography;
import city.parkgrid.dataset.GeoJsonDataSetReader;
import city.parkgrid.geo.GeoPoint;
import city.parkgrid.lots.Lot;
import city.parkgrid.lots.LotKind;
import city.parkgrid.lots.NearbyLot;
import city.parkgrid.money.Money;
import city.parkgrid.occupancy.Hold;
import city.parkgrid.occupancy.HoldStatus;
import city.parkgrid.occupancy.LotOccupancy;
import city.parkgrid.occupancy.OccupancySettings;
import city.parkgrid.occupancy.memory.InMemoryOccupancyStore;
import city.parkgrid.zones.control.ControlSource;
import city.parkgrid.zones.control.UnitFill;
import city.parkgrid.zones.control.ZoneControl;
import city.parkgrid.zones.control.ZoneMode;
import city.parkgrid.zones.control.ZonePolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Guidance and allocation on the Wujiaochang data set, with the in-memory store. */
class AllocationServiceTest {

    private static final Instant NOW = Instant.parse("2026-11-28T06:00:00Z");
    private static final GeoPoint JUNCTION = GeoPoint.of(31.2995, 121.5140);

    private Geography geography;
    private InMemoryOccupancyStore store;
    private AllocationService allocations;
    /** Plate → the account it is bound to; an account's id is its driver's id. None by default. */
    private final Map<String, String> boundPlates = new java.util.HashMap<>();

    private final PlateOwners owners = (driverId, plate) -> java.util.concurrent.CompletableFuture.completedFuture(
            new PlateOwners.Ownership(boundPlates.get(plate), boundPlates.containsValue(driverId)));

    @BeforeEach
    void setUp() {
        geography = new Geography(GeoJsonDataSetReader.wujiaochang());
        store = new InMemoryOccupancyStore(OccupancySettings.DEFAULTS);
        for (Lot lot : geography.listLots()) {
            store.registerLot(lot.id(), lot.capacity(), NOW)
                    .toCompletableFuture()
                    .join();
        }
        allocations = new AllocationService(
                new Guidance(geography, store, RankingWeights.DEFAULTS),
                geography,
                store,
                AllocationSettings.DEFAULTS,
                owners);
    }

    private static <T> T join(java.util.concurrent.CompletionStage<T> stage) {
        return stage.toCompletableFuture().join();
    }

    private void fill(String lotId, int occupied) {
        join(store.applySnapshot(lotId, occupied, NOW, NOW));
    }

    private LotOccupancy state(String lotId) {
        return join(store.findOccupancy(lotId)).orElseThrow();
    }

    private List<String> guidance(GuidanceRequest request) {
        return join(allocations.guidance().options(request)).options().stream()
                .map(o -> o.candidate().lot().id())
                .toList();
    }

    @Test
    void guidanceOffersLotsWithinWalkingDistanceBestFirst() {
        List<RankedOption> options = join(allocations.guidance().options(GuidanceRequest.to(JUNCTION)))
                .options();
        assertThat(options).isNotEmpty();
        assertThat(options).allMatch(o -> o.candidate().walkMetres() <= 800);
        assertThat(options).isSortedAccordingTo(java.util.Comparator.comparingDouble(RankedOption::cost));
    }

    @Test
    void fullAndClosedLotsAreNotOffered() {
        String best = guidance(GuidanceRequest.to(JUNCTION)).get(0);
        fill(best, geography.getLot(best).capacity());
        assertThat(guidance(GuidanceRequest.to(JUNCTION))).doesNotContain(best);
    }

    @Test
    void aFillingLotLosesItsPlaceToAnEmptierNeighbour() {
        Lot wanda = geography.getLot("wanda-plaza");
        assertThat(guidance(GuidanceRequest.to(wanda.entrance())).get(0)).isEqualTo("wanda-plaza");
        fill("wanda-plaza", (int) (wanda.capacity() * 0.95));
        assertThat(guidance(GuidanceRequest.to(wanda.entrance())).get(0)).isNotEqualTo("wanda-plaza");
    }

    @Test
    void allocatingForADestinationHoldsASpaceInTheBestLot() {
        String best = guidance(GuidanceRequest.to(JUNCTION)).get(0);
        AllocationOutcome outcome = join(allocations.allocate(
                new AllocationRequest("d1", "沪A10001", null, GuidanceRequest.to(JUNCTION), null), NOW));
        assertThat(outcome.granted()).isTrue();
        assertThat(outcome.hold().lotId()).isEqualTo(best);
        assertThat(outcome.hold().expiresAt()).isEqualTo(NOW.plus(Duration.ofMinutes(15)));
        assertThat(outcome.walkMetres()).isBetween(0.0, 800.0);
        assertThat(state(best).held()).isEqualTo(1);
    }

    @Test
    void aShorterHoldMayBeAskedForButNotALongerOne() {
        Hold shorter = join(allocations.allocate(
                        new AllocationRequest("d1", "沪A10001", "wanda-plaza", null, Duration.ofMinutes(5)), NOW))
                .hold();
        assertThat(shorter.expiresAt()).isEqualTo(NOW.plusSeconds(300));
        Hold capped = join(allocations.allocate(
                        new AllocationRequest("d2", "沪A10002", "wanda-plaza", null, Duration.ofHours(2)), NOW))
                .hold();
        assertThat(capped.expiresAt()).isEqualTo(NOW.plus(Duration.ofMinutes(15)));
    }

    @Test
    void aDriverCannotHoldForAPlateBoundToAnothersAccountAndTheOwnerStillCan() {
        boundPlates.put("沪A10001", "d1");
        boundPlates.put("沪B20002", "d2");
        for (String squatter : List.of("d2", "d3")) {
            assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> join(allocations.allocate(
                            new AllocationRequest(squatter, "沪A10001", "wanda-plaza", null, null), NOW))))
                    .hasCauseInstanceOf(city.parkgrid.access.AccessDeniedException.class)
                    .cause()
                    .extracting(e -> ((city.parkgrid.access.AccessDeniedException) e).field())
                    .isEqualTo("plate");
        }
        assertThat(state("wanda-plaza").held()).isZero();
        assertThat(join(allocations.allocate(new AllocationRequest("d1", "沪A10001", "wanda-plaza", null, null), NOW))
                        .granted())
                .isTrue();
    }

    @Test
    void aDriverWithAnAccountHoldsOnlyForTheirOwnPlates() {
        boundPlates.put("沪B20002", "d2");
        Throwable refused = org.assertj.core.api.Assertions.catchThrowable(() ->
                join(allocations.allocate(new AllocationRequest("d2", "沪Z99999", "wanda-plaza", null, null), NOW)));
        assertThat(refused).hasCauseInstanceOf(city.parkgrid.access.AccessDeniedException.class);
    }

    @Test
    void aDriverWithoutAnAccountHoldsForOnePlateAtATime() {
        int granted = 0;
        int limited = 0;
        for (int i = 0; i < 30; i++) {
            AllocationRequest request = new AllocationRequest("d9", "沪K" + (10000 + i), "wanda-plaza", null, null);
            try {
                granted += join(allocations.allocate(request, NOW)).granted() ? 1 : 0;
            } catch (java.util.concurrent.CompletionException e) {
                assertThat(e).hasCauseInstanceOf(HoldLimitException.class);
                assertThat(((HoldLimitException) e.getCause()).field()).isEqualTo("plate");
                limited++;
            }
        }
        assertThat(granted).isEqualTo(1);
        assertThat(limited).isEqualTo(29);
        assertThat(state("wanda-plaza").held()).isEqualTo(1);
        Instant nextMinute = NOW.plus(AllocationSettings.RATE_WINDOW);
        assertThat(join(allocations.allocate(
                                new AllocationRequest("d9", "沪K10000", "hopson-one", null, null), nextMinute))
                        .granted())
                .as("the one plate may still be moved to another lot")
                .isTrue();
    }

    @Test
    void aDriverAskingMoreThanTheRateInAMinuteIsToldWhenToComeBack() {
        boundPlates.put("沪E50001", "d6");
        Instant start = NOW.plusSeconds(15);
        for (int i = 0; i < AllocationSettings.DEFAULTS.maxAllocationsPerMinute(); i++) {
            assertThat(join(allocations.allocate(
                                    new AllocationRequest("d6", "沪E50001", "wanda-plaza", null, null), start))
                            .granted())
                    .isTrue();
        }
        Throwable refused = org.assertj.core.api.Assertions.catchThrowable(() ->
                join(allocations.allocate(new AllocationRequest("d6", "沪E50001", "wanda-plaza", null, null), start)));
        assertThat(refused).hasCauseInstanceOf(city.parkgrid.TooManyRequestsException.class);
        assertThat(((city.parkgrid.TooManyRequestsException) refused.getCause()).retryAfter())
                .isEqualTo(Duration.ofSeconds(45));
        assertThat(join(allocations.allocate(new AllocationRequest("d7", "沪E50002", "wanda-plaza", null, null), start))
                        .granted())
                .as("the limit is per driver")
                .isTrue();
        assertThat(join(allocations.allocate(
                                new AllocationRequest("d6", "沪E50001", "wanda-plaza", null, null),
                                NOW.plus(AllocationSettings.RATE_WINDOW)))
                        .granted())
                .isTrue();
    }

    @Test
    void aDriversHeldPlatesAreCappedUntilOneIsCancelled() {
        for (int i = 1; i <= 3; i++) {
            boundPlates.put("沪C3000" + i, "d5");
        }
        Hold first = join(allocations.allocate(new AllocationRequest("d5", "沪C30001", "wanda-plaza", null, null), NOW))
                .hold();
        assertThat(join(allocations.allocate(new AllocationRequest("d5", "沪C30002", "wanda-plaza", null, null), NOW))
                        .granted())
                .isTrue();
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> join(
                        allocations.allocate(new AllocationRequest("d5", "沪C30003", "wanda-plaza", null, null), NOW))))
                .hasCauseInstanceOf(HoldLimitException.class);
        assertThat(state("wanda-plaza").held()).isEqualTo(AllocationSettings.DEFAULTS.maxPlatesPerDriver());
        join(allocations.cancel(first.id(), NOW));
        assertThat(join(allocations.allocate(new AllocationRequest("d5", "沪C30003", "wanda-plaza", null, null), NOW))
                        .granted())
                .isTrue();
    }

    @Test
    void aNewAllocationForThePlateReplacesTheOldOneInAnotherLot() {
        Hold first = join(allocations.allocate(new AllocationRequest("d1", "沪A10001", "wanda-plaza", null, null), NOW))
                .hold();
        Hold second = join(allocations.allocate(new AllocationRequest("d1", "沪A10001", "hopson-one", null, null), NOW))
                .hold();
        assertThat(join(allocations.find(first.id(), NOW)).orElseThrow().status())
                .isEqualTo(HoldStatus.CANCELLED);
        assertThat(join(allocations.find(second.id(), NOW)).orElseThrow().status())
                .isEqualTo(HoldStatus.HELD);
        assertThat(state("wanda-plaza").held()).isZero();
        assertThat(state("hopson-one").held()).isEqualTo(1);
    }

    @Test
    void aDriverCannotReplaceAnotherDriversAllocationForTheSamePlate() {
        Hold mine = join(allocations.allocate(new AllocationRequest("d1", "沪A10001", "wanda-plaza", null, null), NOW))
                .hold();
        AllocationOutcome theirs =
                join(allocations.allocate(new AllocationRequest("d2", "沪A10001", "hopson-one", null, null), NOW));
        assertThat(theirs.granted()).isFalse();
        assertThat(theirs.plateHeldByAnother()).isTrue();
        assertThat(join(allocations.find(mine.id(), NOW)).orElseThrow().status())
                .isEqualTo(HoldStatus.HELD);
        assertThat(state("hopson-one").held()).isZero();
    }

    @Test
    void concurrentAllocationsForOnePlateLeaveExactlyOneSpaceHeld() throws Exception {
        List<String> lots = List.of("wanda-plaza", "hopson-one", "bailian-youyicheng");
        AllocationSettings unlimited = new AllocationSettings(
                AllocationSettings.DEFAULTS.maxHold(), AllocationSettings.DEFAULTS.candidatesTried(), 2, 1_000);
        // the rate limit is not what this is about: the plate lock is
        AllocationService allocations = new AllocationService(
                new Guidance(geography, store, RankingWeights.DEFAULTS), geography, store, unlimited, owners);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
            for (int i = 0; i < 200; i++) {
                String lot = lots.get(i % lots.size());
                done.add(pool.submit(() ->
                        join(allocations.allocate(new AllocationRequest("d1", "沪A10001", lot, null, null), NOW))));
            }
            for (var f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        int held = lots.stream().mapToInt(l -> state(l).held()).sum();
        assertThat(held).isEqualTo(1);
    }

    @Test
    void cancelFreesTheSpaceAtOnce() {
        Hold hold = join(allocations.allocate(new AllocationRequest("d1", "沪A10001", "wanda-plaza", null, null), NOW))
                .hold();
        assertThat(join(allocations.cancel(hold.id(), NOW.plusSeconds(60)))
                        .orElseThrow()
                        .status())
                .isEqualTo(HoldStatus.CANCELLED);
        assertThat(state("wanda-plaza").held()).isZero();
    }

    @Test
    void theSweeperExpiresHoldsNobodyCameFor() {
        Hold hold = join(allocations.allocate(
                        new AllocationRequest("d1", "沪A10001", "wanda-plaza", null, Duration.ofMinutes(1)), NOW))
                .hold();
        assertThat(join(allocations.expireDue(NOW.plusSeconds(30), 100))).isZero();
        assertThat(join(allocations.expireDue(NOW.plusSeconds(60), 100))).isEqualTo(1);
        assertThat(state("wanda-plaza").held()).isZero();
        assertThat(join(allocations.find(hold.id(), NOW.plusSeconds(61)))
                        .orElseThrow()
                        .status())
                .isEqualTo(HoldStatus.EXPIRED);
        assertThat(join(allocations.expireDue(NOW.plusSeconds(61), 100))).isZero();
    }

    @Test
    void withNoSpaceWithinWalkingDistanceTheAnswerListsAlternativesParkAndRideFirst() {
        GuidanceRequest wish = new GuidanceRequest(JUNCTION, null, null, null, 300, VehicleKind.CAR);
        for (var option : join(allocations.guidance().options(wish)).options()) {
            fill(option.candidate().lot().id(), option.candidate().lot().capacity());
        }
        AllocationOutcome outcome =
                join(allocations.allocate(new AllocationRequest("d1", "沪A10001", null, wish, null), NOW));
        assertThat(outcome.granted()).isFalse();
        List<NearbyLot> alternatives = outcome.alternatives();
        assertThat(alternatives).isNotEmpty().allMatch(n -> n.distanceMetres() > 300);
        assertThat(alternatives.get(0).lot().kind()).isEqualTo(LotKind.PARK_AND_RIDE);
    }

    private AllocationService underControl(ZoneMode mode, ZonePolicy policy) {
        ZoneControl control =
                new ZoneControl("wujiaochang", mode, policy, NOW, null, "bureau", "drill", ControlSource.MANUAL);
        Guidance guidance = new Guidance(
                geography,
                store,
                RankingWeights.DEFAULTS,
                zoneId -> zoneId.equals("wujiaochang") ? control : ZoneControl.normal(zoneId));
        return new AllocationService(guidance, geography, store, AllocationSettings.DEFAULTS, owners);
    }

    @Test
    void inAnEmergencyTheLastResortAlternativesStillLeaveTheUnitOut() {
        AllocationService controlled = underControl(
                ZoneMode.EMERGENCY,
                new ZonePolicy(
                        null, List.of(), Map.of(), Money.ZERO, List.of("jiangwan-xinjiangwancheng"), null, null));
        GuidanceRequest wish = new GuidanceRequest(JUNCTION, null, null, null, 300, VehicleKind.CAR);
        for (Lot lot : geography.listLots()) {
            if (!"wujiaochang".equals(lot.zoneId())
                    && lot.entrance().metresTo(JUNCTION) <= Guidance.DIVERSION_RADIUS_METRES) {
                fill(lot.id(), lot.capacity());
            }
        }
        AllocationOutcome outcome =
                join(controlled.allocate(new AllocationRequest("d1", "沪A10001", null, wish, null), NOW));
        assertThat(outcome.granted()).isFalse();
        assertThat(outcome.diversion().fromZone()).isEqualTo("wujiaochang");
        assertThat(outcome.alternatives())
                .isNotEmpty()
                .noneMatch(n -> "wujiaochang".equals(n.lot().zoneId()));
    }

    @Test
    void aManagedUnitsFillLeavesClosedLotsOutSoItsOpenLotsFillingUpDiverts() {
        List<Lot> unit = geography.listLotsInZone("wujiaochang");
        for (int i = 0; i < unit.size(); i++) {
            Lot lot = unit.get(i);
            if (i % 2 == 0) {
                join(store.configureLot(lot.id(), true, 0, NOW));
            } else {
                fill(lot.id(), (int) Math.ceil(lot.capacity() * 0.9));
            }
        }
        assertThat(UnitFill.fill(
                        unit,
                        join(store.listOccupancy(unit.stream().map(Lot::id).toList()))))
                .isGreaterThan(0.85);
        AllocationService controlled = underControl(
                ZoneMode.MANAGED,
                new ZonePolicy(
                        0.85, List.of(), Map.of(), Money.ZERO, List.of("jiangwan-xinjiangwancheng"), null, null));
        GuidanceRequest wish = new GuidanceRequest(JUNCTION, null, null, null, 800, VehicleKind.CAR);
        GuidanceResult result = join(controlled.guidance().options(wish));
        assertThat(result.diversion()).isNotNull();
        assertThat(result.options())
                .isNotEmpty()
                .noneMatch(o -> "wujiaochang".equals(o.candidate().lot().zoneId()));
    }
}
