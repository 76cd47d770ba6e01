package org.motormesh.app.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The demo in this JVM on real loopback sockets, observed the way the page is fed: {@code /snapshot.json}. */
class DemoTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    static DemoConfig config(int motors, boolean channel) {
        return new DemoConfig(motors, channel, 0, 0, DemoConfig.randomSuffix(), 60_000);
    }

    static JsonObject snapshot(URI dashboard) throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(dashboard.resolve("/snapshot.json")).build(),
                HttpResponse.BodyHandlers.ofString());
        return JsonParser.parseString(r.body()).getAsJsonObject();
    }

    /** Node name to its snapshot entry. */
    static Map<String, JsonObject> nodes(JsonObject snapshot) {
        Map<String, JsonObject> out = new HashMap<>();
        if (snapshot.has("nodes")) {
            for (JsonElement n : snapshot.getAsJsonArray("nodes")) {
                out.put(n.getAsJsonObject().get("name").getAsString(), n.getAsJsonObject());
            }
        }
        return out;
    }

    static String app(Map<String, JsonObject> nodes, String name, String field) {
        JsonObject n = nodes.get(name);
        return n == null || !n.has("app") || !n.getAsJsonObject("app").has(field) ? null
                : n.getAsJsonObject("app").get(field).getAsString();
    }

    @Test
    void shouldShowAllNodesMovingValuesAndAnOpenBridgeWithinFiveSeconds() throws Exception {
        long t0 = System.nanoTime();
        try (Demo demo = Demo.start(config(4, true), System.out)) {
            String receiver = "receiver-1-" + demo.nodeNames().get(0).replaceAll(".*-", "");
            List<String> names = demo.nodeNames();
            assertEquals(7, names.size(), names.toString());
            String firstAngle = null;
            boolean ready = false;
            while (!ready && System.nanoTime() - t0 < 5_000_000_000L) {
                Map<String, JsonObject> nodes = nodes(snapshot(demo.dashboardUrl()));
                boolean all = names.stream().allMatch(n -> nodes.containsKey(n)
                        && (n.startsWith("dashboard") || nodes.get(n).has("app")));
                String bridge = names.stream().filter(n -> n.startsWith("bridge")).findFirst().orElseThrow();
                String angle = app(nodes, receiver, "angle");
                if (firstAngle == null) {
                    firstAngle = angle;
                }
                ready = all && "open".equals(app(nodes, bridge, "link")) && angle != null && !angle.equals(firstAngle);
                Thread.sleep(100);
            }
            assertTrue(ready, "not all nodes, a moving receiver and an open bridge within 5 s: "
                    + snapshot(demo.dashboardUrl()));
            System.out.printf("demo ready on the dashboard in %d ms%n", (System.nanoTime() - t0) / 1_000_000);
            Map<String, JsonObject> nodes = nodes(snapshot(demo.dashboardUrl()));
            String hubFollower = names.stream().filter(n -> n.startsWith("follows-hub")).findFirst().orElseThrow();
            assertNotEquals("0", app(nodes, hubFollower, "moves"), "the LEGO hub's motor reached the mesh");
        }
    }

    @Test
    void shouldStopWithinTwoSecondsAndFreeItsPorts() throws Exception {
        Demo demo = Demo.start(config(2, true), System.out);
        int dashboardPort = demo.dashboardUrl().getPort();
        int channelPort = demo.channelUrl().getPort();
        Thread.sleep(1500);
        long t0 = System.nanoTime();
        demo.close();
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(ms < 2000, "stopping took " + ms + " ms");
        assertThrows(ConnectException.class, () -> new Socket("127.0.0.1", dashboardPort).close());
        assertThrows(ConnectException.class, () -> new Socket("127.0.0.1", channelPort).close());
        Thread.sleep(300);
        List<String> left = Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.startsWith("demo-") || n.startsWith("dashboard-") || n.startsWith("bridge-loop")
                        || n.startsWith("lego-hub") || n.startsWith("mesh-"))
                .toList();
        assertTrue(left.isEmpty(), "threads left running: " + left);
    }

    @Test
    void shouldRunTheMeshAloneWithoutAChannel() throws Exception {
        try (Demo demo = Demo.start(config(3, false), System.out)) {
            assertEquals(null, demo.channelUrl());
            assertEquals(4, demo.nodeNames().size(), demo.nodeNames().toString());
        }
    }
}
