package city.parkgrid.api.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium driven by Selenium: Debian's {@code chromium} and {@code chromium-driver}
 * (which {@code ./parkgrid test} installs). Missing, they fail the test: no browser test is skipped.
 */
public final class Browser implements AutoCloseable {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    private final ChromeDriver driver;

    public Browser(int width, int height) {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(DRIVER)) {
            throw new IllegalStateException("browser tests need " + CHROMIUM + " and " + DRIVER
                    + " (apt-get install chromium chromium-driver)");
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--window-size=" + width + "," + height,
                "--lang=zh-CN",
                // a page left keeps no stream open in the back-forward cache (the six connections a host gets)
                "--disable-features=BackForwardCache");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort()
                .build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
    }

    public WebDriver driver() {
        return driver;
    }

    /** Opens a page afresh: nothing cached, the browser session's storage emptied. */
    public void open(String url) {
        driver.executeCdpCommand("Network.enable", Map.of());
        driver.executeCdpCommand("Network.setCacheDisabled", Map.of("cacheDisabled", true));
        // a fresh browser session: sessionStorage (the signed-in key) is per origin and per tab
        URI page = URI.create(url);
        driver.get(page.getScheme() + "://" + page.getAuthority() + "/console/favicon.svg");
        script("sessionStorage.clear();");
        driver.get(url);
        waitUntil(d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-ready")), 10_000);
    }

    public <T> T waitUntil(Function<WebDriver, T> condition, long millis) {
        // a live marker is redrawn when its lot changes: an element read mid-redraw is simply read again
        return new WebDriverWait(driver, Duration.ofMillis(millis), Duration.ofMillis(50))
                .ignoring(StaleElementReferenceException.class)
                .until(condition);
    }

    /**
     * An attribute of the element {@code css} finds, or null when it has none: read again when the
     * element is redrawn between finding and reading it (panels re-render on every live event).
     */
    public String attribute(String css, String name) {
        return waitUntil(
                        d -> Optional.ofNullable(
                                d.findElement(By.cssSelector(css)).getDomAttribute(name)),
                        3_000)
                .orElse(null);
    }

    public WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    public List<WebElement> findAll(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    public Object script(String js, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(js, args);
    }

    /** The serious and critical violations axe-core finds in the page, as "rule: targets" lines. */
    @SuppressWarnings("unchecked")
    public List<String> seriousAccessibilityViolations() {
        script(resource("/axe/axe.min.js"));
        Object found = ((JavascriptExecutor) driver)
                .executeAsyncScript("const done = arguments[arguments.length - 1];"
                        + "axe.run(document, {resultTypes: ['violations']}).then(r => done(r.violations"
                        + ".filter(v => v.impact === 'serious' || v.impact === 'critical')"
                        + ".map(v => v.impact + ' ' + v.id + ': ' + v.nodes.slice(0, 5).map(n => n.target.join(' ')).join(', ')"
                        + " + ' — ' + v.help))).catch(e => done(['axe failed: ' + e]));");
        return (List<String>) found;
    }

    public void screenshot(Path to) {
        try {
            Files.createDirectories(to.toAbsolutePath().getParent());
            Files.write(to, driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String resource(String name) {
        try (InputStream in = Browser.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the test classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
