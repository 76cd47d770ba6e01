package org.motormesh.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.motormesh.it.ChildJvm;
import org.motormesh.mesh.Values;
import org.motormesh.node.Loopback;
import org.motormesh.node.MeshNode;
import org.motormesh.proto.v1.Qos;

/**
 * Two links of one mesh to one broker: one is elected and connected, the other waits unconnected. SIGKILL of the
 * active one's process mid-stream: the other takes over within about a second and the QoS 1 stream reaches MQTT with
 * (almost) nothing lost and nothing twice, in order.
 */
class MqttFailoverTest {
    private static final int VALUES = 240;
    private static final int KILL_AT = 80;

    @TempDir
    Path dir;

    @Test
    void shouldHaveOneActiveLinkAndFailOverWithinAboutASecond() throws Exception {
        try (LocalMosquitto broker = Mosquitto.start(dir); Room room = new Room("lab")) {
            MeshNode publisher = room.node("pub");
            MqttProbe flow = room.track(MqttProbe.connect(broker.port(), "motormesh/acked"));
            String port = Integer.toString(broker.port());
            try (ChildJvm a = new ChildJvm("link-a", MqttLinkProcess.class, "link-a", port, "10", room.seed());
                    ChildJvm b = new ChildJvm("link-b", MqttLinkProcess.class, "link-b", port, "5", room.seed())) {
                // a (priority 10) normally wins; on a loaded machine b may settle before it hears a, and then keeps
                // the link (no flapping): either way one is active and the other waits.
                ChildJvm active = firstActive(a, b);
                ChildJvm standby = active == a ? b : a;
                standby.await("ROLE standby", 60_000);
                Loopback.await(() -> publisher.peers().stream().filter(p -> p.subscriptions().contains("")).count() == 2,
                        10_000, "the publisher to know both links' subscriptions");
                Thread.sleep(500);
                assertEquals(1, linkConnections(broker), "one link connected to the broker, the other waits: "
                        + Files.readString(broker.log()));

                long killedAt = 0;
                for (int i = 0; i < VALUES; i++) {
                    publisher.publish("acked", Values.of(i), Qos.QOS_ACKED);
                    if (i == KILL_AT) {
                        killedAt = active.kill();
                    }
                    Thread.sleep(8);
                }
                ChildJvm.Line elected = standby.await("ROLE active", 20_000);
                ChildJvm.Line tookOver = elected.text().equals("ROLE active open") ? elected
                        : standby.await("ROLE active open", 20_000);
                long takeoverMs = (tookOver.atNanos() - killedAt) / 1_000_000;
                System.out.printf("[figure] mqtt link failover: elected %d ms after the kill, connected %d ms later%n",
                        (elected.atNanos() - killedAt) / 1_000_000, (tookOver.atNanos() - elected.atNanos()) / 1_000_000);
                Loopback.await(() -> flow.payloads("motormesh/acked").contains(Integer.toString(VALUES - 1))
                        && publisher.unacknowledged() == 0, 20_000, "the last value on MQTT");
                Thread.sleep(300);
                report(flow.payloads("motormesh/acked"), takeoverMs);
                assertTrue(takeoverMs < 4000, "the standby took over " + takeoverMs + " ms after the kill");
                Thread.sleep(500);
                assertEquals(1, linkConnections(broker), "only the new active link is connected");
            }
        }
    }

    private static ChildJvm firstActive(ChildJvm a, ChildJvm b) throws InterruptedException {
        long deadline = System.nanoTime() + 90_000_000_000L;
        while (System.nanoTime() < deadline) {
            for (ChildJvm c : List.of(a, b)) {
                try {
                    c.await("ROLE active open", 100);
                    return c;
                } catch (AssertionError notYet) {
                    // the other one, or later
                }
            }
        }
        throw new AssertionError("no link became active and connected within 90 s");
    }

    /** The motormesh links the broker has connected now, by its log (connects minus disconnects, per client id). */
    private static long linkConnections(LocalMosquitto broker) throws Exception {
        java.util.Set<String> connected = new java.util.HashSet<>();
        java.util.regex.Pattern in = java.util.regex.Pattern.compile("New client connected from \\S+ as (motormesh-\\w+)");
        java.util.regex.Pattern out = java.util.regex.Pattern.compile("Client (motormesh-\\w+) (disconnected|closed its "
                + "connection|has exceeded)|Socket error on client (motormesh-\\w+)");
        for (String line : Files.readAllLines(broker.log())) {
            java.util.regex.Matcher m = in.matcher(line);
            if (m.find()) {
                connected.add(m.group(1));
            }
            m = out.matcher(line);
            if (m.find()) {
                connected.remove(m.group(1) != null ? m.group(1) : m.group(3));
            }
        }
        return connected.size();
    }

    private static void report(List<String> payloads, long takeoverMs) {
        Map<Integer, Integer> counts = new TreeMap<>();
        List<Integer> firsts = new ArrayList<>(new LinkedHashSet<>(payloads.stream().map(Integer::valueOf).toList()));
        payloads.forEach(p -> counts.merge(Integer.valueOf(p), 1, Integer::sum));
        List<Integer> missing = new ArrayList<>();
        for (int i = 0; i < VALUES; i++) {
            if (!counts.containsKey(i)) {
                missing.add(i);
            }
        }
        int duplicated = payloads.size() - counts.size();
        System.out.printf("[figure] mqtt link SIGKILL failover, QoS 1: takeover %d ms, %d values, %d lost %s, "
                + "%d duplicated%n", takeoverMs, VALUES, missing.size(), missing, duplicated);
        // What the killed process had handed to its MQTT client but not yet written can be lost (a few at most, at
        // the kill); anything lost away from the kill, or more, fails.
        assertTrue(missing.size() <= 3, "lost " + missing);
        for (int v : missing) {
            assertTrue(v >= KILL_AT - 10 && v <= KILL_AT, "lost " + v + ", away from the kill at " + KILL_AT);
        }
        assertTrue(duplicated <= 3, "duplicated " + duplicated + ": " + counts);
        for (int i = 1; i < firsts.size(); i++) {
            assertTrue(firsts.get(i) > firsts.get(i - 1), "out of order at " + i + ": " + firsts);
        }
    }
}
