package org.motormesh.app.demo;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The page in a real headless Chromium while the demo runs: every node is drawn, a receiver's needle moves,
 * the bridge shows an open link, the page updates at least 5 times a second; a screenshot is saved under
 * {@code target/}. Skips when Chromium is not installed, unless {@code MOTORMESH_REQUIRE_BROWSER=1} (CI).
 */
class DashboardBrowserTest {
    private static final Path SCREENSHOT = Path.of("target", "dashboard-screenshot.png");
    /** Reads what a person would see: drawn node names, a receiver's value, the bridge pill, updates so far. */
    private static final String READ_PAGE = """
            const nodes = Array.from(document.querySelectorAll('#graph g.node'));
            const value = name => { const n = nodes.find(e => e.dataset.name === name); return n ? n.dataset.value : null; };
            const link = document.getElementById('bridge-link');
            return JSON.stringify({ names: nodes.map(e => e.dataset.name), receiver: value(arguments[0] || ''),
              link: link ? link.textContent : '', snapshots: window.motormesh ? window.motormesh.snapshots : 0 });
            """;

    @Test
    void shouldShowEveryNodeAMovingReceiverAndAnOpenBridgeInChromium() throws Exception {
        boolean required = "1".equals(System.getenv("MOTORMESH_REQUIRE_BROWSER"));
        if (!ChromeSession.available()) {
            String why = "Chromium not installed (apt-get install chromium chromium-driver): browser test skipped";
            if (required) {
                fail(why);
            }
            assumeTrue(false, why);
        }
        Files.createDirectories(SCREENSHOT.getParent());
        try (ChromeSession chrome = ChromeSession.start(Path.of("target", "chromedriver.log"))) {
            long t0 = System.nanoTime();
            try (Demo demo = Demo.start(DemoTest.config(4, true), System.out)) {
                chrome.navigate(demo.dashboardUrl());
                String suffix = demo.nodeNames().get(0).replaceAll(".*-", "");
                String receiver = "receiver-1-" + suffix;
                JsonObject page = awaitPage(chrome, demo.nodeNames(), receiver, t0);
                long readyMs = (System.nanoTime() - t0) / 1_000_000;
                System.out.printf("page shows every node, a moving receiver and an open bridge %d ms after the demo "
                        + "started%n", readyMs);
                assertTrue(readyMs < 5000, "took " + readyMs + " ms: " + page);
                JsonObject before = read(chrome, receiver);
                Thread.sleep(1000);
                JsonObject after = read(chrome, receiver);
                long updates = after.get("snapshots").getAsLong() - before.get("snapshots").getAsLong();
                assertTrue(updates >= 5, "only " + updates + " updates in one second");
                Files.write(SCREENSHOT, chrome.screenshot());
            }
        }
        assertTrue(Files.size(SCREENSHOT) > 10_000, "screenshot too small to show anything");
    }

    private static JsonObject read(ChromeSession chrome, String receiver) {
        String script = READ_PAGE.replace("arguments[0]", "'" + receiver + "'");
        return com.google.gson.JsonParser.parseString(chrome.execute(script).getAsString()).getAsJsonObject();
    }

    /** Polls the page until all demo nodes are drawn, the receiver's value changed and the bridge is open. */
    private static JsonObject awaitPage(ChromeSession chrome, List<String> names, String receiver, long t0)
            throws InterruptedException {
        String first = null;
        JsonObject page = null;
        while (System.nanoTime() - t0 < 10_000_000_000L) {
            page = read(chrome, receiver);
            String drawn = page.getAsJsonArray("names").toString();
            String value = page.get("receiver").isJsonNull() ? "" : page.get("receiver").getAsString();
            if (first == null && !value.isEmpty()) {
                first = value;
            }
            boolean all = names.stream().allMatch(n -> drawn.contains("\"" + n + "\""));
            if (all && first != null && !value.equals(first) && "open".equals(page.get("link").getAsString())) {
                return page;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the page never showed all of " + names + " with a moving " + receiver
                + " and an open bridge: " + page);
    }
}
