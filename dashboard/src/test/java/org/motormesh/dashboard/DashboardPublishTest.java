package org.motormesh.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.motormesh.mesh.MeshConfig;
import org.motormesh.mesh.Values;
import org.motormesh.node.MeshNode;

/** The page's publish on real sockets: HTTP on loopback in, a mesh node on loopback hears it. */
class DashboardPublishTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static HttpResponse<String> post(URI base, String json) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(base.resolve("/publish")).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void shouldDeliverThePagesPublishToTheSubscribedMotorAndNameIt() throws Exception {
        MeshConfig mesh = MeshConfig.builder().name("dash-pub").interfaceAddress("127.0.0.1").port(0).mdns(false).build();
        try (Dashboard dashboard = Dashboard.start(DashboardConfig.of(0), mesh);
             MeshNode motor = new MeshNode(MeshConfig.builder().name("motor-pub").role("motor")
                     .interfaceAddress("127.0.0.1").port(0).mdns(false)
                     .seedPeer("127.0.0.1:" + dashboard.node().localAddress().getPort()).build())) {
            assertEquals("127.0.0.1", dashboard.url().getHost(), "binds where it did: this laptop only");
            BlockingQueue<String> heard = new ArrayBlockingQueue<>(16);
            motor.start();
            motor.subscribe("/SM/motor-pub/set", m -> heard.offer(Values.display(m.value()) + " from " + m.senderName()));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < deadline && dashboard.node().peers().stream()
                    .noneMatch(p -> p.subscriptions().contains("/SM/motor-pub/set"))) {
                Thread.sleep(20);
            }
            HttpResponse<String> r = post(dashboard.url(), "{\"topic\":\"/SM/motor-pub/set\",\"value\":42}");
            assertEquals(200, r.statusCode(), r.body());
            JsonObject body = JsonParser.parseString(r.body()).getAsJsonObject();
            assertEquals("[\"motor-pub\"]", body.getAsJsonArray("subscribers").toString());
            assertEquals("42 from dash-pub", heard.poll(20, TimeUnit.SECONDS));
            HttpResponse<String> bad = post(dashboard.url(), "{\"topic\":\"$mesh/status/motor-pub\",\"value\":1}");
            assertEquals(400, bad.statusCode());
            assertTrue(bad.body().startsWith("{\"error\":"), bad.body());
        }
    }
}
