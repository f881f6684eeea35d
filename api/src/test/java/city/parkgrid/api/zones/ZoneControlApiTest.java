package city.parkgrid.api.zones;

import static city.parkgrid.api.testing.GateEvents.batch;
import static city.parkgrid.api.testing.GateEvents.entry;
import static city.parkgrid.api.testing.GateEvents.exit;
import static org.assertj.core.api.Assertions.assertThat;

import city.parkgrid.CityTime;
import city.parkgrid.api.testing.PlatformUnderTest;
import city.parkgrid.api.testing.PlatformUnderTest.Reply;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The bureau's management mechanism on the Wujiaochang data, over HTTP on the embedded platform. */
class ZoneControlApiTest {

    private static final String BUREAU = "dev-bureau";
    private static final JsonObject JUNCTION =
            new JsonObject().put("lat", 31.2995).put("lon", 121.514);

    @RegisterExtension
    final PlatformUnderTest platform = PlatformUnderTest.embeddedPerTest();

    private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    private Reply control(String token, JsonObject body) {
        return platform.send("PUT", "/v1/zones/wujiaochang/control", token, body.encode());
    }

    private List<JsonObject> unitLots() {
        return platform.get("/v1/lots?zone=wujiaochang").jsonArray("lots").stream()
                .map(o -> (JsonObject) o)
                .toList();
    }

    private Set<String> unitLotIds() {
        Set<String> ids = new HashSet<>();
        unitLots().forEach(l -> ids.add(l.getString("id")));
        return ids;
    }

    /** Every lot of the unit at the same fill, as the operators' counting sensors report it. */
    private void fillUnit(double share) {
        for (JsonObject lot : unitLots()) {
            int cars = (int) Math.floor(lot.getInteger("capacity") * share);
            Reply r = platform.send(
                    "PUT",
                    "/v1/lots/" + lot.getString("id") + "/occupancy",
                    "dev-operator-" + lot.getString("operatorId"),
                    new JsonObject()
                            .put("occupied", cars)
                            .put("at", now.toString())
                            .encode());
            assertThat(r.status()).isEqualTo(200);
        }
    }

    @Test
    void aWeekendPeakUnderManagedControlFillsTheLotsEvenlyUpToTheTargetThenDiverts() {
        fillUnit(0.80);
        Reply set = control(
                BUREAU,
                new JsonObject()
                        .put("mode", "MANAGED")
                        .put("reason", "weekend peak")
                        .put(
                                "policy",
                                new JsonObject()
                                        .put("targetOccupancy", 0.85)
                                        .put(
                                                "divertTo",
                                                new JsonArray()
                                                        .add("jiangwan-xinjiangwancheng")
                                                        .add("siping-tongji"))));
        assertThat(set.status()).isEqualTo(200);
        assertThat(set.json().getString("source")).isEqualTo("MANUAL");
        Set<String> unit = unitLotIds();
        int inUnit = 0;
        JsonObject diverted = null;
        for (int i = 0; i < 2_000 && diverted == null; i++) {
            Reply r = platform.send(
                    "POST",
                    "/v1/allocations",
                    "dev-driver-d" + i,
                    new JsonObject()
                            .put("plate", "沪M" + (10000 + i))
                            .put("destination", JUNCTION)
                            .put("maxWalkMeters", 3_000)
                            .encode());
            assertThat(r.status()).isEqualTo(201);
            if (r.json().containsKey("diversion")) {
                diverted = r.json();
            } else {
                assertThat(unit).contains(r.json().getString("lotId"));
                inUnit++;
            }
        }
        assertThat(inUnit).as("spaces filled up to the target before diverting").isGreaterThan(100);
        assertThat(diverted).as("diverted once the unit reached its target").isNotNull();
        assertThat(unit).doesNotContain(diverted.getString("lotId"));
        assertThat(diverted.getJsonObject("diversion").getString("reason")).contains("85% target");
        for (JsonObject lot : unitLots()) {
            JsonObject o = lot.getJsonObject("occupancy");
            int capacity = lot.getInteger("capacity");
            int taken = o.getInteger("occupied") + o.getInteger("held");
            // evenly: every lot of the unit ends within a car of the target or 1% over it, none far over
            assertThat(taken)
                    .as("cars in %s", lot.getString("id"))
                    .isBetween((int) Math.floor(0.85 * capacity) - 1, (int) Math.ceil(0.86 * capacity));
        }
        Reply guidance = platform.send(
                "POST",
                "/v1/guidance",
                null,
                new JsonObject().put("destination", JUNCTION).encode());
        assertThat(guidance.json().getJsonObject("diversion").getString("fromZone"))
                .isEqualTo("wujiaochang");
        guidance.jsonArray("options")
                .forEach(o -> assertThat(unit).doesNotContain(((JsonObject) o).getString("lotId")));
    }

    @Test
    void emergencyClosesLotsWithholdsReservedSpacesSendsDriversOutAndHoldsAgainstOperators() throws Exception {
        int bailianFreeBefore = platform.get("/v1/lots/bailian-youyicheng")
                .json()
                .getJsonObject("occupancy")
                .getInteger("free");
        Reply set = control(
                BUREAU,
                new JsonObject()
                        .put("mode", "EMERGENCY")
                        .put("reason", "typhoon warning")
                        // from the clock now, not the test's start, and long enough for the checks
                        // below on a loaded machine: at +3 s from the start it had passed once (400)
                        .put("until", Instant.now().plusSeconds(10).toString())
                        .put(
                                "policy",
                                new JsonObject()
                                        .put(
                                                "closedLots",
                                                new JsonArray()
                                                        .add("wanda-plaza")
                                                        .add("hopson-one"))
                                        .put("reservedSpaces", new JsonObject().put("bailian-youyicheng", 50))
                                        .put("divertTo", new JsonArray().add("jiangwan-xinjiangwancheng"))));
        assertThat(set.status()).isEqualTo(200);
        assertThat(platform.get("/v1/lots/wanda-plaza")
                        .json()
                        .getJsonObject("occupancy")
                        .getString("status"))
                .isEqualTo("CLOSED");
        assertThat(platform.get("/v1/lots/bailian-youyicheng")
                        .json()
                        .getJsonObject("occupancy")
                        .getInteger("free"))
                .isEqualTo(bailianFreeBefore - 50);

        Set<String> unit = unitLotIds();
        Reply guidance = platform.send(
                "POST",
                "/v1/guidance",
                null,
                new JsonObject().put("destination", JUNCTION).encode());
        assertThat(guidance.json().getJsonObject("diversion").getString("reason"))
                .contains("EMERGENCY");
        assertThat(guidance.jsonArray("options")).isNotEmpty();
        guidance.jsonArray("options")
                .forEach(o -> assertThat(unit).doesNotContain(((JsonObject) o).getString("lotId")));
        for (int i = 0; i < 20; i++) {
            Reply r = platform.send(
                    "POST",
                    "/v1/allocations",
                    "dev-driver-e" + i,
                    new JsonObject()
                            .put("plate", "沪E" + (10000 + i))
                            .put("destination", JUNCTION)
                            .encode());
            assertThat(r.status()).isEqualTo(201);
            assertThat(r.json().getString("lotId"))
                    .isNotIn("wanda-plaza", "hopson-one")
                    .isNotIn(unit);
        }
        Reply named = platform.send(
                "POST",
                "/v1/allocations",
                "dev-driver-x",
                new JsonObject()
                        .put("plate", "沪E99999")
                        .put("lotId", "wanda-plaza")
                        .encode());
        assertThat(named.status()).isEqualTo(409);

        Reply reopen = platform.send(
                "PUT",
                "/v1/lots/wanda-plaza/status",
                "dev-operator-op-wanda",
                new JsonObject().put("status", "OPEN").encode());
        assertThat(reopen.status()).isEqualTo(409);
        assertThat(reopen.json().getString("detail")).contains("EMERGENCY").contains("typhoon warning");

        long deadline = System.currentTimeMillis() + 20_000;
        String mode = "EMERGENCY";
        while (!mode.equals("NORMAL") && System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
            mode = platform.get("/v1/zones/wujiaochang/control").json().getString("mode");
        }
        assertThat(mode).as("until returns the unit to NORMAL").isEqualTo("NORMAL");
        Thread.sleep(1_200);
        assertThat(platform.get("/v1/lots/wanda-plaza")
                        .json()
                        .getJsonObject("occupancy")
                        .getString("status"))
                .isEqualTo("OPEN");
        assertThat(platform.get("/v1/lots/bailian-youyicheng")
                        .json()
                        .getJsonObject("occupancy")
                        .getInteger("free"))
                .isEqualTo(bailianFreeBefore);
        assertThat(platform.send("GET", "/v1/zones/wujiaochang/audit", BUREAU, null)
                        .jsonArray("entries")
                        .getJsonObject(0)
                        .getString("detail"))
                .contains("typhoon warning");
    }

    @Test
    void operatorsOpenAndCloseTheirLotsInNormalTimes() {
        Reply closed = platform.send(
                "PUT",
                "/v1/lots/wanda-plaza/status",
                "dev-operator-op-wanda",
                new JsonObject().put("status", "CLOSED").encode());
        assertThat(closed.status()).isEqualTo(200);
        assertThat(platform.get("/v1/lots/wanda-plaza")
                        .json()
                        .getJsonObject("occupancy")
                        .getString("status"))
                .isEqualTo("CLOSED");
        assertThat(platform.send(
                                "PUT",
                                "/v1/lots/wanda-plaza/status",
                                "dev-operator-op-hopson",
                                new JsonObject().put("status", "OPEN").encode())
                        .status())
                .isEqualTo(403);
        assertThat(platform.send(
                                "PUT",
                                "/v1/lots/wanda-plaza/status",
                                "dev-operator-op-wanda",
                                new JsonObject().put("status", "AJAR").encode())
                        .json()
                        .getString("field"))
                .isEqualTo("status");
        platform.send(
                "PUT",
                "/v1/lots/wanda-plaza/status",
                "dev-operator-op-wanda",
                new JsonObject().put("status", "OPEN").encode());
        assertThat(platform.get("/v1/lots/wanda-plaza")
                        .json()
                        .getJsonObject("occupancy")
                        .getString("status"))
                .isEqualTo("OPEN");
    }

    @Test
    void schedulesAreListedDeletedAndOutrankedByManualControl() {
        Reply added = platform.send(
                "POST",
                "/v1/zones/wujiaochang/schedules",
                BUREAU,
                new JsonObject()
                        .put("mode", "MANAGED")
                        .put(
                                "days",
                                new JsonArray()
                                        .add("MON")
                                        .add("TUE")
                                        .add("WED")
                                        .add("THU")
                                        .add("FRI")
                                        .add("SAT")
                                        .add("SUN"))
                        .put("from", "00:00")
                        .put("to", "23:59:59")
                        .put("policy", new JsonObject().put("targetOccupancy", 0.9))
                        .encode());
        assertThat(added.status()).isEqualTo(201);
        String id = added.json().getString("id");
        JsonObject inForce = platform.get("/v1/zones/wujiaochang/control").json();
        assertThat(inForce.getString("source")).isEqualTo("SCHEDULE");
        assertThat(inForce.getString("mode")).isEqualTo("MANAGED");
        control(
                BUREAU,
                new JsonObject()
                        .put("mode", "NORMAL")
                        .put("reason", "event called off")
                        .put("until", now.plusSeconds(3600).toString()));
        JsonObject heldNormal = platform.get("/v1/zones/wujiaochang/control").json();
        assertThat(heldNormal.getString("source")).isEqualTo("MANUAL");
        assertThat(heldNormal.getString("mode")).isEqualTo("NORMAL");
        control(BUREAU, new JsonObject().put("mode", "NORMAL").put("reason", "manual control ends"));
        assertThat(platform.get("/v1/zones/wujiaochang/control").json().getString("source"))
                .as("a NORMAL without until hands the unit back to its schedule")
                .isEqualTo("SCHEDULE");
        assertThat(platform.get("/v1/zones/wujiaochang/schedules").jsonArray("schedules"))
                .hasSize(1);
        assertThat(platform.send("DELETE", "/v1/zones/wujiaochang/schedules/" + id, BUREAU, null)
                        .status())
                .isEqualTo(200);
        assertThat(platform.get("/v1/zones/wujiaochang/schedules").jsonArray("schedules"))
                .isEmpty();
        assertThat(platform.send("DELETE", "/v1/zones/wujiaochang/schedules/" + id, BUREAU, null)
                        .status())
                .isEqualTo(404);
        Reply trigger = platform.send(
                "PUT",
                "/v1/zones/wujiaochang/trigger",
                BUREAU,
                new JsonObject()
                        .put("occupancyAbove", 0.9)
                        .put("forMinutes", 10)
                        .put("mode", "MANAGED")
                        .encode());
        assertThat(trigger.status()).isEqualTo(200);
        JsonObject stored = platform.get("/v1/zones/wujiaochang/trigger").json();
        assertThat(stored.getInteger("forMinutes")).isEqualTo(10);
        assertThat(stored.getDouble("releaseBelow"))
                .as("default: 5 points under the threshold")
                .isEqualTo(0.85);
        assertThat(stored.getInteger("minActiveMinutes")).isEqualTo(15);
        platform.send(
                "PUT",
                "/v1/zones/wujiaochang/trigger",
                BUREAU,
                new JsonObject()
                        .put("occupancyAbove", 0.9)
                        .put("forMinutes", 10)
                        .put("mode", "MANAGED")
                        .put("releaseBelow", 0.75)
                        .put("minActiveMinutes", 30)
                        .encode());
        JsonObject replaced = platform.get("/v1/zones/wujiaochang/trigger").json();
        assertThat(replaced.getDouble("releaseBelow")).isEqualTo(0.75);
        assertThat(replaced.getInteger("minActiveMinutes")).isEqualTo(30);
        List<String> actions =
                platform.send("GET", "/v1/zones/wujiaochang/audit", BUREAU, null).jsonArray("entries").stream()
                        .map(e -> ((JsonObject) e).getString("action"))
                        .toList();
        assertThat(actions).contains("schedule added", "control", "schedule deleted", "trigger set");
    }

    @Test
    void aNightScheduleShowsItsWindowsIntoTheNextDay() {
        Reply added = platform.send(
                "POST",
                "/v1/zones/wujiaochang/schedules",
                BUREAU,
                new JsonObject()
                        .put("mode", "MANAGED")
                        .put("days", new JsonArray().add("SUN").add("SAT"))
                        .put("from", "22:00")
                        .put("to", "06:00")
                        .encode());
        assertThat(added.status()).isEqualTo(201);
        assertThat(added.json().getBoolean("overnight")).isTrue();
        JsonObject listed = platform.get("/v1/zones/wujiaochang/schedules")
                .jsonArray("schedules")
                .getJsonObject(0);
        assertThat(listed.getJsonArray("windows"))
                .containsExactly(
                        new JsonObject().put("from", "SAT 22:00").put("to", "SUN 06:00"),
                        new JsonObject().put("from", "SUN 22:00").put("to", "MON 06:00"));
        assertThat(listed.getString("description"))
                .isEqualTo("SAT 22:00 → SUN 06:00, SUN 22:00 → MON 06:00 (Asia/Shanghai)");
        assertThat(platform.send("GET", "/v1/zones/wujiaochang/audit", BUREAU, null)
                        .jsonArray("entries")
                        .getJsonObject(0)
                        .getString("detail"))
                .contains("SUN 22:00 → MON 06:00");
    }

    @Test
    void aNightScheduleThatBeganBeforeMidnightIsInForceAfterIt() {
        // every day, a window of 23 hours that runs past midnight and holds now: it is free only
        // for the hour after next (or, just before 23:00, the hour before last, so to stays before from)
        LocalTime local = LocalTime.ofInstant(now, CityTime.SHANGHAI).truncatedTo(ChronoUnit.MINUTES);
        boolean lateEvening = local.getHour() == 22;
        LocalTime to = lateEvening ? local.minusHours(2) : local.plusHours(1);
        LocalTime from = to.plusHours(1);
        assertThat(to).isBefore(from);
        JsonArray everyDay = new JsonArray(List.of("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"));
        Reply added = platform.send(
                "POST",
                "/v1/zones/wujiaochang/schedules",
                BUREAU,
                new JsonObject()
                        .put("mode", "MANAGED")
                        .put("days", everyDay)
                        .put("from", from.toString())
                        .put("to", to.toString())
                        .encode());
        assertThat(added.status()).isEqualTo(201);
        assertThat(added.json().getJsonArray("windows")).hasSize(7);
        JsonObject inForce = platform.get("/v1/zones/wujiaochang/control").json();
        assertThat(inForce.getString("source")).isEqualTo("SCHEDULE");
        Instant since = Instant.parse(inForce.getString("since"));
        Instant until = Instant.parse(inForce.getString("until"));
        assertThat(since).isBeforeOrEqualTo(now);
        assertThat(until).isAfter(now);
        assertThat(Duration.between(since, until))
                .as("one window, into the next day")
                .isEqualTo(Duration.ofHours(23));
    }

    @Test
    void badControlsAre400NamingTheFieldNonBureauCallersAre403AndNothingChanges() {
        assertThat(control(BUREAU, new JsonObject().put("mode", "PANIC").put("reason", "x"))
                        .json()
                        .getString("field"))
                .isEqualTo("mode");
        assertThat(control(
                                BUREAU,
                                new JsonObject()
                                        .put("mode", "MANAGED")
                                        .put("reason", "x")
                                        .put("policy", new JsonObject().put("targetOccupancy", 0)))
                        .json()
                        .getString("field"))
                .isEqualTo("policy.targetOccupancy");
        assertThat(control(
                                BUREAU,
                                new JsonObject()
                                        .put("mode", "MANAGED")
                                        .put("reason", "x")
                                        .put("policy", new JsonObject().put("targetOccupancy", 1.5)))
                        .json()
                        .getString("field"))
                .isEqualTo("policy.targetOccupancy");
        assertThat(control(
                                BUREAU,
                                new JsonObject()
                                        .put("mode", "EMERGENCY")
                                        .put("reason", "x")
                                        .put(
                                                "policy",
                                                new JsonObject().put("closedLots", new JsonArray().add("atlantis"))))
                        .json()
                        .getString("field"))
                .isEqualTo("policy.closedLots");
        assertThat(control(
                                BUREAU,
                                new JsonObject()
                                        .put("mode", "EMERGENCY")
                                        .put("reason", "x")
                                        .put(
                                                "policy",
                                                new JsonObject()
                                                        .put("closedLots", new JsonArray().add("tongji-siping"))))
                        .json()
                        .getString("field"))
                .isEqualTo("policy.closedLots");
        assertThat(control(
                                BUREAU,
                                new JsonObject()
                                        .put("mode", "MANAGED")
                                        .put("reason", "x")
                                        .put("until", now.minusSeconds(60).toString()))
                        .json()
                        .getString("field"))
                .isEqualTo("until");
        assertThat(control(BUREAU, new JsonObject().put("mode", "MANAGED"))
                        .json()
                        .getString("field"))
                .isEqualTo("reason");
        assertThat(platform.send(
                                "POST",
                                "/v1/zones/wujiaochang/schedules",
                                BUREAU,
                                new JsonObject()
                                        .put("mode", "MANAGED")
                                        .put("days", new JsonArray().add("SAT"))
                                        .put("from", "22:00")
                                        .put("to", "22:00")
                                        .encode())
                        .json()
                        .getString("field"))
                .isEqualTo("to");
        Reply tooHighRelease = platform.send(
                "PUT",
                "/v1/zones/wujiaochang/trigger",
                BUREAU,
                new JsonObject()
                        .put("occupancyAbove", 0.9)
                        .put("forMinutes", 10)
                        .put("mode", "MANAGED")
                        .put("releaseBelow", 0.9)
                        .encode());
        assertThat(tooHighRelease.status()).isEqualTo(400);
        assertThat(tooHighRelease.json().getString("field")).isEqualTo("releaseBelow");
        assertThat(platform.send(
                                "PUT",
                                "/v1/zones/wujiaochang/trigger",
                                BUREAU,
                                new JsonObject()
                                        .put("occupancyAbove", 0.9)
                                        .put("forMinutes", 10)
                                        .put("mode", "MANAGED")
                                        .put("releaseBelow", "low")
                                        .encode())
                        .json()
                        .getString("field"))
                .isEqualTo("releaseBelow");
        assertThat(platform.send(
                                "PUT",
                                "/v1/zones/wujiaochang/trigger",
                                BUREAU,
                                new JsonObject()
                                        .put("occupancyAbove", 0.9)
                                        .put("forMinutes", 10)
                                        .put("mode", "MANAGED")
                                        .put("minActiveMinutes", -1)
                                        .encode())
                        .json()
                        .getString("field"))
                .isEqualTo("minActiveMinutes");
        assertThat(platform.get("/v1/zones/wujiaochang/trigger").status())
                .as("no trigger was set")
                .isEqualTo(404);
        assertThat(control(
                                "dev-operator-op-wanda",
                                new JsonObject().put("mode", "MANAGED").put("reason", "x"))
                        .status())
                .isEqualTo(403);
        assertThat(control(
                                "dev-driver-d1",
                                new JsonObject().put("mode", "MANAGED").put("reason", "x"))
                        .status())
                .isEqualTo(403);
        assertThat(control(null, new JsonObject().put("mode", "MANAGED").put("reason", "x"))
                        .status())
                .isEqualTo(401);
        assertThat(platform.send(
                                "PUT",
                                "/v1/zones/atlantis/control",
                                BUREAU,
                                new JsonObject()
                                        .put("mode", "MANAGED")
                                        .put("reason", "x")
                                        .encode())
                        .status())
                .isEqualTo(404);
        assertThat(platform.get("/v1/zones/wujiaochang/control").json().getString("mode"))
                .isEqualTo("NORMAL");
        assertThat(platform.get("/v1/zones/wujiaochang/schedules").jsonArray("schedules"))
                .isEmpty();
        assertThat(platform.send("GET", "/v1/zones/wujiaochang/audit", BUREAU, null)
                        .jsonArray("entries"))
                .as("a refused change leaves no trace")
                .isEmpty();
        assertThat(platform.send("GET", "/v1/zones/wujiaochang/audit", "dev-operator-op-wanda", null)
                        .status())
                .isEqualTo(403);
    }

    @Test
    void theZoneStreamOpensWithEveryUnitThenSendsModeChangesAndTotals() throws Exception {
        HttpClient http =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<Stream<String>> response = http.send(
                HttpRequest.newBuilder(URI.create(platform.baseUrl() + "/v1/zones/stream"))
                        .build(),
                HttpResponse.BodyHandlers.ofLines());
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/event-stream");
        BlockingQueue<JsonObject> events = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            String type = null;
            Iterator<String> lines = response.body().iterator();
            while (lines.hasNext()) {
                String line = lines.next();
                if (line.startsWith("event: ")) {
                    type = line.substring(7);
                } else if (line.startsWith("data: ")) {
                    events.add(new JsonObject(line.substring(6)).put("event", type));
                }
            }
        });
        reader.setDaemon(true);
        reader.start();
        try {
            Set<String> zones = new HashSet<>();
            platform.get("/v1/zones")
                    .jsonArray("features")
                    .forEach(f -> zones.add(
                            ((JsonObject) f).getJsonObject("properties").getString("id")));
            Set<String> opened = new HashSet<>();
            while (opened.size() < 2 * zones.size()) {
                JsonObject event = events.poll(5, TimeUnit.SECONDS);
                assertThat(event).as("the opening state of every unit").isNotNull();
                opened.add(event.getString("event") + ":" + event.getString("zoneId"));
            }
            assertThat(opened).hasSize(2 * zones.size());

            control(BUREAU, new JsonObject().put("mode", "EMERGENCY").put("reason", "typhoon warning"));
            JsonObject change = next(events, "control");
            assertThat(change.getString("zoneId")).isEqualTo("wujiaochang");
            assertThat(change.getString("mode")).isEqualTo("EMERGENCY");
            assertThat(change.getString("reason")).isEqualTo("typhoon warning");

            platform.send(
                    "POST",
                    "/v1/lots/wanda-plaza/events",
                    "dev-operator-op-wanda",
                    batch(entry("z1", "沪A10001", Instant.now())));
            JsonObject totals = next(events, "totals");
            assertThat(totals.getString("zoneId")).isEqualTo("wujiaochang");
            assertThat(totals.getInteger("occupied")).isEqualTo(1);
        } finally {
            response.body().close();
        }
    }

    private static JsonObject next(BlockingQueue<JsonObject> events, String type) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 5_000;
        while (System.currentTimeMillis() < deadline) {
            JsonObject event = events.poll(100, TimeUnit.MILLISECONDS);
            if (event != null && type.equals(event.getString("event"))) {
                return event;
            }
        }
        throw new AssertionError("no '" + type + "' event within 5 s");
    }

    @Test
    void aManagedUnitsSurchargeIsAddedToFeesForTheManagedTime() {
        platform.send(
                "PUT",
                "/v1/lots/wanda-plaza/tariff",
                "dev-operator-op-wanda",
                new JsonObject()
                        .put("freeMinutes", 15)
                        .put("dayRateFen", 1_000)
                        .put("nightRateFen", 500)
                        .put("dayStarts", "08:00")
                        .put("nightStarts", "20:00")
                        .put("dailyCapFen", 6_000)
                        .encode());
        platform.send(
                "POST",
                "/v1/accounts",
                "dev-driver-alice",
                new JsonObject()
                        .put("plates", new JsonArray().add("沪A10001"))
                        .put("paymentMethod", new JsonObject().put("type", "PREPAID"))
                        .encode());
        control(
                BUREAU,
                new JsonObject()
                        .put("mode", "MANAGED")
                        .put("reason", "match day")
                        .put("policy", new JsonObject().put("surchargeFenPerHour", 600)));
        Instant in = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        platform.send(
                "POST", "/v1/lots/wanda-plaza/events", "dev-operator-op-wanda", batch(entry("in", "沪A10001", in)));
        platform.send(
                "POST",
                "/v1/lots/wanda-plaza/events",
                "dev-operator-op-wanda",
                batch(exit("out", "沪A10001", in.plusSeconds(240))));
        JsonObject session = platform.send("GET", "/v1/accounts/alice/sessions", "dev-driver-alice", null)
                .jsonArray("sessions")
                .getJsonObject(0);
        assertThat(session.getLong("feeFen"))
                .as("4 minutes at ¥6/h, within the free quarter hour")
                .isEqualTo(40);
    }
}
