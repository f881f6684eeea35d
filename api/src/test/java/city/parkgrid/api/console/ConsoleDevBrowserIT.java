package city.parkgrid.api.console;

import static org.assertj.core.api.Assertions.assertThat;

import city.parkgrid.api.testing.PlatformUnderTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The console against a real dev node (embedded stores, dev tokens). */
class ConsoleDevBrowserIT extends ConsoleBrowserContract {

    private PlatformUnderTest node;

    @Override
    void startNodes() {
        node = PlatformUnderTest.embedded();
    }

    @Override
    void stopNodes() {
        if (node != null) {
            node.close();
        }
    }

    @Override
    PlatformUnderTest primary() {
        return node;
    }

    @Override
    PlatformUnderTest secondary() {
        return node;
    }

    @Override
    String bureauKey() {
        return "dev-bureau";
    }

    @Override
    String operatorKey() {
        return "dev-operator-op-wanda";
    }

    @Override
    String tokenOf(String operatorId) {
        return "dev-operator-" + operatorId;
    }

    /**
     * The first load, measured by the browser itself (Navigation and Resource Timing), cache
     * disabled: every byte the console fetches until it has drawn the district, and how long. The
     * node has answered the console once before (its first requests load the contract and warm the JIT).
     */
    @Test
    @SuppressWarnings("unchecked")
    void theFirstLoadIsUnderOneMegabyteAndOneSecond() {
        // a node that has served before (as one has when an officer opens the console); the browser's cache is off
        browser.open(node.baseUrl() + "/");
        browser.open(node.baseUrl() + "/");
        Map<String, Object> figures = (Map<String, Object>)
                browser.script(
                        "const nav = performance.getEntriesByType('navigation')[0];"
                                + "const res = performance.getEntriesByType('resource');"
                                + "const bytes = nav.transferSize + res.reduce((s, r) => s + r.transferSize, 0);"
                                + "const decoded = nav.decodedBodySize + res.reduce((s, r) => s + r.decodedBodySize, 0);"
                                + "return {bytes, decoded, requests: res.length + 1, load: nav.loadEventEnd,"
                                + " assets: res.filter(r => r.name.includes('/console/')).reduce((s, r) => s + r.transferSize, 0)};");
        long ready = ((Number) browser.script("return window.__readyAt;")).longValue();
        System.out.println("console first load: " + figures + ", drawn by " + ready + " ms");
        assertThat(((Number) figures.get("bytes")).longValue()).isLessThan(1_000_000);
        assertThat(((Number) figures.get("load")).doubleValue()).isLessThan(1_000);
        assertThat(ready).isLessThan(1_000);
    }
}
