package org.motormesh.app.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.motormesh.mesh.MeshConfig;
import org.motormesh.mesh.Values;
import org.motormesh.node.MeshNode;
import org.motormesh.status.StatusPublisher;

/**
 * The dashboard as a teacher uses it, in a real headless Chromium at a projector's 1280x800: a motor clicked in
 * the graph and moved with the slider's keys reaches that angle on the page and in the mesh (its own status
 * report); a node that leaves stays drawn, greyed; a 30-motor classroom draws no name over another and needs no
 * horizontal scrolling. Screenshots go
 * under {@code target/}. Skips without Chromium unless {@code MOTORMESH_REQUIRE_BROWSER=1} (CI).
 */
class DashboardControlBrowserTest {
    private static final int WIDTH = 1280;
    private static final int HEIGHT = 800;
    /** WebDriver's End and Left-arrow keys. */
    private static final String END = "\uE010";
    private static final String LEFT = "\uE012";
    /** Where a node is drawn (viewport pixels), its value and whether the page lists it as a motor to move. */
    private static final String NODE = """
            const g = Array.from(document.querySelectorAll('#graph g.node')).find(e => e.dataset.name === arguments[0]);
            if (!g) return null;
            const b = g.querySelector('circle').getBoundingClientRect();
            const listed = Array.from(document.querySelectorAll('#motor-select option')).some(o => o.value === arguments[0]);
            return JSON.stringify({ x: Math.round(b.left + b.width / 2), y: Math.round(b.top + b.height / 2),
              value: g.dataset.value, lost: g.dataset.lost === '1', listed: listed, selected: document.getElementById('motor-select').value,
              status: document.getElementById('motor-status').textContent });
            """;
    /** Every pair of drawn names whose boxes overlap, names outside the graph, and the page's scroll widths. */
    private static final String LABELS = """
            const svg = document.getElementById('graph').getBoundingClientRect();
            const labels = Array.from(document.querySelectorAll('#graph g.node text.name')).map(t => {
              const b = t.getBoundingClientRect();
              return { name: t.closest('g.node').dataset.name, l: b.left, r: b.right, t: b.top, b: b.bottom,
                font: parseFloat(getComputedStyle(t).fontSize) };
            });
            const overlaps = [];
            for (let i = 0; i < labels.length; i++) for (let j = i + 1; j < labels.length; j++) {
              const p = labels[i], q = labels[j];
              if (p.l < q.r && q.l < p.r && p.t < q.b && q.t < p.b) overlaps.push(p.name + ' / ' + q.name);
            }
            const outside = labels.filter(p => p.l < svg.left - 1 || p.r > svg.right + 1 || p.t < svg.top - 1
              || p.b > svg.bottom + 1).map(p => p.name);
            const drops = Array.from(document.querySelectorAll('#drops tbody td')).map(td => td.textContent);
            return JSON.stringify({ names: labels.map(p => p.name), overlaps, outside,
              minFont: Math.min(...labels.map(p => p.font)), drops,
              scrollWidth: Math.max(document.documentElement.scrollWidth, document.body.scrollWidth),
              clientWidth: document.documentElement.clientWidth, innerWidth: window.innerWidth,
              innerHeight: window.innerHeight });
            """;

    @BeforeAll
    static void needsChromium() {
        if (!ChromeSession.available()) {
            String why = "Chromium not installed (apt-get install chromium chromium-driver): browser test skipped";
            if ("1".equals(System.getenv("MOTORMESH_REQUIRE_BROWSER"))) {
                fail(why);
            }
            assumeTrue(false, why);
        }
    }

    @Test
    void shouldMoveAMotorWithTheSliderAndSeeItsAngleOnThePageAndInTheMesh() throws Exception {
        Files.createDirectories(Path.of("target"));
        DemoConfig config = DemoTest.config(4, false);
        String receiver = "receiver-2-" + config.suffix();
        Map<Long, Long> setAngles = new ConcurrentHashMap<>();
        Map<String, String> setHeard = new ConcurrentHashMap<>();
        try (ChromeSession chrome = ChromeSession.start(Path.of("target", "chromedriver-control.log"));
             Demo demo = Demo.start(config, System.out);
             MeshNode watcher = new MeshNode(MeshConfig.builder().name("watcher-" + config.suffix()).role("node")
                     .interfaceAddress("127.0.0.1").port(0).mdns(false).seedPeer(demo.meshSeed()).build())) {
            watcher.start();
            watcher.subscribe(StatusPublisher.topic(receiver), m -> {
                JsonObject app = JsonParser.parseString(m.value().getJson()).getAsJsonObject().getAsJsonObject("app");
                if (app.get("sets").getAsLong() > 0) {
                    setAngles.merge(app.get("angle").getAsLong(), 1L, Long::sum);
                }
            });
            watcher.subscribe(MotorApp.setTopic(receiver), m -> setHeard.put("value", Values.display(m.value())));
            chrome.viewport(WIDTH, HEIGHT);
            chrome.navigate(demo.dashboardUrl());
            await(chrome, NODE, receiver, n -> n.get("listed").getAsBoolean(), "listed as a motor");
            // the layout moves while nodes join (this test's watcher too): click where it is drawn until it is chosen
            await(chrome, NODE, receiver, n -> {
                if (!receiver.equals(n.get("selected").getAsString())) {
                    chrome.pointer(n.get("x").getAsInt(), n.get("y").getAsInt(), true);
                    return false;
                }
                return true;
            }, "selected by a click in the graph");
            String slider = chrome.find("#angle-slider");
            chrome.sendKeys(slider, END + LEFT.repeat(3));
            JsonObject moved = await(chrome, NODE, receiver, n -> n.get("status").getAsString().contains("is at 177°"),
                    "drawn at 177° and confirmed");
            Files.write(Path.of("target", "dashboard-control.png"), chrome.screenshot());
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (System.nanoTime() < deadline && !setAngles.containsKey(177L)) {
                Thread.sleep(50);
            }
            assertTrue(setAngles.containsKey(177L), "the receiver's own status reports never said 177 after a set: "
                    + setAngles + ", page " + moved);
            assertEquals("177", setHeard.get("value"), "the slider's value on " + MotorApp.setTopic(receiver));
            String watcherName = watcher.name();
            await(chrome, NODE, watcherName, n -> !n.get("lost").getAsBoolean(), "the watcher drawn as live");
            watcher.close();
            await(chrome, NODE, watcherName, n -> n.get("lost").getAsBoolean(), "the watcher greyed once it left");
        }
    }

    @Test
    void shouldDrawAClassOfThirtyWithoutOverlappingNamesOrHorizontalScrollAt1280x800() throws Exception {
        Files.createDirectories(Path.of("target"));
        DemoConfig config = DemoTest.config(30, true);
        try (ChromeSession chrome = ChromeSession.start(Path.of("target", "chromedriver-class.log"));
             Demo demo = Demo.start(config, System.out)) {
            chrome.viewport(WIDTH, HEIGHT);
            chrome.navigate(demo.dashboardUrl());
            List<String> names = demo.nodeNames();
            assertEquals(30 + 3, names.size(), names.toString());
            JsonObject page = await(chrome, LABELS, "", p -> names.stream()
                    .allMatch(n -> p.getAsJsonArray("names").toString().contains("\"" + n + "\"")), "every node drawn");
            Files.write(Path.of("target", "dashboard-30.png"), chrome.screenshot());
            assertEquals(WIDTH, page.get("innerWidth").getAsInt(), page.toString());
            assertEquals(HEIGHT, page.get("innerHeight").getAsInt(), page.toString());
            assertEquals(new JsonArray(), page.getAsJsonArray("overlaps"), "names drawn over each other");
            assertEquals(new JsonArray(), page.getAsJsonArray("outside"), "names outside the graph");
            assertTrue(page.get("minFont").getAsDouble() >= 12, "names too small to read: " + page.get("minFont"));
            assertTrue(page.get("scrollWidth").getAsInt() <= page.get("clientWidth").getAsInt(),
                    "horizontal scrolling: " + page);
            assertTrue(!page.getAsJsonArray("drops").toString().contains("echo")
                    && !page.getAsJsonArray("drops").toString().contains("OWN_FRAME"), "echoes shown as drops: " + page);
        }
    }

    /** Polls {@code script} (its one argument {@code arg}) until {@code ready}; generous, for a loaded machine. */
    private static JsonObject await(ChromeSession chrome, String script, String arg, Predicate<JsonObject> ready,
                                    String what) throws InterruptedException {
        String js = script.replace("arguments[0]", "'" + arg + "'");
        long deadline = System.nanoTime() + 60_000_000_000L;
        JsonObject last = null;
        while (System.nanoTime() < deadline) {
            var result = chrome.execute(js);
            if (!result.isJsonNull()) {
                last = JsonParser.parseString(result.getAsString()).getAsJsonObject();
                if (ready.test(last)) {
                    return last;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("never " + what + ": " + last);
    }
}
