package city.parkgrid.api.console;

import static org.assertj.core.api.Assertions.assertThat;

import city.parkgrid.api.testing.Browser;
import city.parkgrid.api.testing.GateEvents;
import city.parkgrid.api.testing.PlatformUnderTest;
import city.parkgrid.api.testing.PlatformUnderTest.Reply;
import city.parkgrid.api.testing.TariffBodies;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The console in a real browser against real nodes: what the browser tests ask, the same
 * for a dev node and for serve nodes. One browser per class (and a second, for another node).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ConsoleBrowserContract {

    /** The node the first browser uses. */
    abstract PlatformUnderTest primary();

    /** Another node on the same stores (serve), or the same node (dev). */
    abstract PlatformUnderTest secondary();

    abstract String bureauKey();

    /** A key of op-wanda, operator of wanda-plaza. */
    abstract String operatorKey();

    abstract void startNodes();

    abstract void stopNodes();

    Browser browser;
    private Browser second;

    @BeforeAll
    void start() {
        startNodes();
        browser = new Browser(1400, 900);
    }

    @AfterAll
    void stop() {
        if (second != null) {
            second.close();
        }
        if (browser != null) {
            browser.close();
        }
        stopNodes();
    }

    /** Each test starts from a unit under no manual control. */
    @AfterEach
    void release() {
        Reply reply = primary()
                .send(
                        "PUT",
                        "/v1/zones/wujiaochang/control",
                        bureauKey(),
                        new JsonObject()
                                .put("mode", "NORMAL")
                                .put("reason", "test over")
                                .encode());
        assertThat(reply.status()).isEqualTo(200);
    }

    Browser second() {
        if (second == null) {
            second = new Browser(1400, 900);
        }
        return second;
    }

    private void signIn(Browser b, String key) {
        b.find("#key").sendKeys(key);
        b.find("#signin button[type=submit]").click();
        b.waitUntil(d -> b.find("#session").isDisplayed(), 5_000);
    }

    private static Map<String, Integer> freeByLot(PlatformUnderTest node) {
        Map<String, Integer> free = new HashMap<>();
        JsonArray lots = node.get("/v1/lots").json().getJsonArray("lots");
        for (int i = 0; i < lots.size(); i++) {
            JsonObject lot = lots.getJsonObject(i);
            free.put(lot.getString("id"), lot.getJsonObject("occupancy").getInteger("free"));
        }
        return free;
    }

    private String shownFree(Browser b, String lotId) {
        return b.find(".leaflet-marker-pane [data-lot-id='" + lotId + "']").getDomAttribute("data-free");
    }

    @Test
    void theMapShowsEveryLotWithItsLiveFreeCount() {
        browser.open(primary().baseUrl() + "/");
        Map<String, Integer> expected = freeByLot(primary());
        assertThat(expected).hasSize(40);
        Map<String, Integer> shown = new HashMap<>();
        for (WebElement lot : browser.findAll(".leaflet-marker-pane [data-lot-id]")) {
            shown.put(lot.getDomAttribute("data-lot-id"), Integer.parseInt(lot.getDomAttribute("data-free")));
        }
        assertThat(shown).isEqualTo(expected);
        List<WebElement> units = browser.findAll("#unit-list [data-zone-id]");
        assertThat(units)
                .hasSize(4)
                .allSatisfy(u -> assertThat(u.getDomAttribute("data-mode")).isEqualTo("NORMAL"));
    }

    @Test
    void aGateEventChangesTheLotsFreeCountWithinTwoSecondsWithoutReload() {
        browser.open(primary().baseUrl() + "/");
        browser.script("window.__sameDocument = true;");
        // one lot in the unit whose lot stream the console follows, one in another unit
        for (String[] lot : new String[][] {{"wanda-plaza", "op-wanda"}, {"tongji-siping", "op-campus"}}) {
            int before = Integer.parseInt(shownFree(browser, lot[0]));
            String plate = "沪T" + UUID.randomUUID().toString().substring(0, 5).toUpperCase();
            Reply posted = primary()
                    .send(
                            "POST",
                            "/v1/lots/" + lot[0] + "/events",
                            tokenOf(lot[1]),
                            GateEvents.batch(GateEvents.entry("console-" + UUID.randomUUID(), plate, Instant.now())));
            assertThat(posted.status()).isEqualTo(200);
            long posted_at = System.nanoTime();
            browser.waitUntil(d -> shownFree(browser, lot[0]).equals(String.valueOf(before - 1)), 2_000);
            long millis = (System.nanoTime() - posted_at) / 1_000_000;
            System.out.printf("console: %s data-free changed %d ms after the gate event%n", lot[0], millis);
            assertThat(millis).isLessThan(2_000);
        }
        assertThat(browser.script("return window.__sameDocument === true;"))
                .as("no reload")
                .isEqualTo(true);
    }

    /** A token for gate events of an operator's lot: dev tokens on dev; on serve, the test's keys. */
    abstract String tokenOf(String operatorId);

    @Test
    void theBureauPutsWujiaochangUnderEmergencyFromTheFormAndAnotherNodeShowsIt() {
        Browser other = second();
        other.open(secondary().baseUrl() + "/");
        browser.open(primary().baseUrl() + "/#zone=wujiaochang");
        signIn(browser, bureauKey());
        WebElement form = browser.waitUntil(d -> browser.find("#control-form"), 5_000);
        new Select(form.findElement(By.name("mode"))).selectByValue("EMERGENCY");
        form.findElement(By.name("reason")).sendKeys("台风预警 typhoon warning");
        form.findElement(By.cssSelector("input[name='policy.closedLots'][value='wanda-plaza']"))
                .click();
        form.findElement(By.cssSelector("button[type=submit]")).click();

        browser.waitUntil(
                d -> "EMERGENCY"
                        .equals(browser.find("#unit-list [data-zone-id='wujiaochang']")
                                .getDomAttribute("data-mode")),
                3_000);
        browser.waitUntil(
                d -> "CLOSED"
                        .equals(browser.find(".leaflet-marker-pane [data-lot-id='wanda-plaza']")
                                .getDomAttribute("data-status")),
                3_000);
        browser.waitUntil(d -> browser.find("#audit-log").getText().contains("台风预警"), 3_000);
        assertThat(browser.attribute("#zone-mode", "data-mode")).isEqualTo("EMERGENCY");
        browser.screenshot(Path.of("..", "docs", "console.png"));

        other.waitUntil(
                d -> "EMERGENCY"
                                .equals(other.find("#unit-list [data-zone-id='wujiaochang']")
                                        .getDomAttribute("data-mode"))
                        && "CLOSED"
                                .equals(other.find(".leaflet-marker-pane [data-lot-id='wanda-plaza']")
                                        .getDomAttribute("data-status")),
                3_000);
        assertThat(other.attribute("path[data-zone-id='wujiaochang']", "data-mode"))
                .isEqualTo("EMERGENCY");
        assertThat(other.findAll("#control-form"))
                .as("the anonymous browser has no controls")
                .isEmpty();
    }

    @Test
    void anOperatorSeesNoBureauControlsAndIsToldWhyItCannotReopenALotTheBureauClosed() {
        JsonObject closing = new JsonObject()
                .put("mode", "EMERGENCY")
                .put("reason", "event")
                .put("policy", new JsonObject().put("closedLots", new JsonArray().add("wanda-plaza")));
        assertThat(primary()
                        .send("PUT", "/v1/zones/wujiaochang/control", bureauKey(), closing.encode())
                        .status())
                .isEqualTo(200);
        Reply refused = primary()
                .send(
                        "PUT",
                        "/v1/lots/wanda-plaza/status",
                        operatorKey(),
                        new JsonObject().put("status", "OPEN").encode());
        assertThat(refused.status()).isEqualTo(409);

        browser.open(primary().baseUrl() + "/#zone=wujiaochang");
        signIn(browser, operatorKey());
        browser.waitUntil(d -> browser.find("#who").getDomAttribute("data-role").equals("OPERATOR"), 5_000);
        browser.waitUntil(d -> !browser.findAll("#zone-lots li").isEmpty(), 5_000);
        assertThat(browser.findAll("#control-form, #schedule-form, #trigger-form, #audit-log"))
                .isEmpty();

        browser.driver().navigate().to(primary().baseUrl() + "/#lot=wanda-plaza");
        WebElement form = browser.waitUntil(d -> browser.find("#status-form"), 5_000);
        new Select(form.findElement(By.name("status"))).selectByValue("OPEN");
        form.findElement(By.cssSelector("button[type=submit]")).click();
        WebElement message = browser.waitUntil(
                d -> {
                    WebElement m = browser.find("#status-form [data-field='status'] .field-error");
                    return m.getText().isEmpty() ? null : m;
                },
                3_000);
        assertThat(message.getText()).isEqualTo(refused.json().getString("detail"));
        assertThat(browser.attribute("#lot-status", "data-status")).isEqualTo("CLOSED");

        browser.driver().navigate().to(primary().baseUrl() + "/#lot=hopson-one");
        browser.waitUntil(d -> browser.find("#detail h2").getText().contains("合生"), 5_000);
        assertThat(browser.findAll("#status-form")).as("not its lot").isEmpty();
    }

    @Test
    void aScheduledRateIsShownInTheLotsPanelBeforeItApplies() {
        Instant from = Instant.now().plus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        JsonObject scheduled = TariffBodies.scheduledWithBand(
                TariffBodies.dayAndNight(1_100, 9_000), from, new JsonArray().add("SAT"), 1_700);
        Reply put = primary().send("PUT", "/v1/lots/wanda-plaza/tariff", operatorKey(), scheduled.encode());
        assertThat(put.status()).as(put.body()).isEqualTo(200);

        browser.open(primary().baseUrl() + "/#lot=wanda-plaza");
        WebElement shown = browser.waitUntil(
                d -> browser.findAll("#tariff-scheduled li[data-effective-from='" + from + "']").stream()
                        .findFirst()
                        .orElse(null),
                5_000);
        assertThat(shown.getText()).contains("1100").contains("SAT 10:00–18:00").contains("1700");
    }

    @Test
    void aMalformedTargetShowsTheProblemAtTheFieldAndChangesNothing() {
        int auditBefore = primary()
                .send("GET", "/v1/zones/wujiaochang/audit", bureauKey(), null)
                .json()
                .getJsonArray("entries")
                .size();
        browser.open(primary().baseUrl() + "/#zone=wujiaochang");
        signIn(browser, bureauKey());
        WebElement form = browser.waitUntil(d -> browser.find("#control-form"), 5_000);
        new Select(form.findElement(By.name("mode"))).selectByValue("MANAGED");
        WebElement target = form.findElement(By.name("policy.targetOccupancy"));
        target.clear();
        target.sendKeys("1.5");
        form.findElement(By.cssSelector("button[type=submit]")).click();
        WebElement message = browser.waitUntil(
                d -> {
                    WebElement m = browser.find("#control-form [data-field='policy.targetOccupancy'] .field-error");
                    return m.getText().isEmpty() ? null : m;
                },
                3_000);
        Reply direct = primary()
                .send(
                        "PUT",
                        "/v1/zones/wujiaochang/control",
                        bureauKey(),
                        new JsonObject()
                                .put("mode", "MANAGED")
                                .put("reason", "")
                                .put("policy", new JsonObject().put("targetOccupancy", 1.5))
                                .encode());
        assertThat(direct.status()).isEqualTo(400);
        assertThat(message.getText())
                .isEqualTo(direct.json().getString("detail"))
                .contains("targetOccupancy");
        assertThat(browser.find("#control-form input[name='policy.targetOccupancy']")
                        .getDomAttribute("aria-invalid"))
                .isEqualTo("true");
        JsonObject control = primary().get("/v1/zones/wujiaochang/control").json();
        assertThat(control.getString("mode")).isEqualTo("NORMAL");
        assertThat(primary()
                        .send("GET", "/v1/zones/wujiaochang/audit", bureauKey(), null)
                        .json()
                        .getJsonArray("entries")
                        .size())
                .isEqualTo(auditBefore);
    }

    @Test
    void axeFindsNoSeriousOrCriticalViolationInTheConsoleOrTheWall() {
        browser.open(primary().baseUrl() + "/#zone=wujiaochang");
        signIn(browser, bureauKey());
        browser.waitUntil(d -> browser.find("#control-form"), 5_000);
        assertThat(browser.seriousAccessibilityViolations())
                .as("console, bureau's unit panel")
                .isEmpty();
        browser.driver().navigate().to(primary().baseUrl() + "/#lot=wanda-plaza");
        browser.waitUntil(d -> browser.find("#lot-status"), 5_000);
        assertThat(browser.seriousAccessibilityViolations())
                .as("console, lot panel")
                .isEmpty();
        browser.find("#lang").click();
        browser.waitUntil(d -> "en".equals(browser.find("html").getDomAttribute("lang")), 2_000);
        assertThat(browser.find("h1").getText()).contains("Parking control console");
        assertThat(browser.seriousAccessibilityViolations())
                .as("console in English")
                .isEmpty();
        browser.find("#lang").click();

        Browser wall = second();
        wall.driver().manage().window().setSize(new org.openqa.selenium.Dimension(1920, 1080));
        wall.open(primary().baseUrl() + "/wall?zone=wujiaochang");
        assertThat(wall.attribute("#wall-unit", "data-zone-id")).isEqualTo("wujiaochang");
        assertThat(wall.findAll("#wall-lot-list [data-lot-id]")).isNotEmpty();
        assertThat(wall.seriousAccessibilityViolations()).as("wall").isEmpty();
        wall.screenshot(Path.of("..", "docs", "wall.png"));
        wall.driver().manage().window().setSize(new org.openqa.selenium.Dimension(1400, 900));
    }
}
