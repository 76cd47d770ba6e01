package org.motormesh.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.motormesh.bridge.server.ChannelServer;
import org.motormesh.bridge.server.ChannelServerConfig;
import org.motormesh.it.ChildJvm;
import org.motormesh.mesh.MeshConfig;
import org.motormesh.mesh.Values;
import org.motormesh.node.Loopback;
import org.motormesh.node.MeshNode;
import org.motormesh.proto.v1.Qos;

/**
 * Issue 11.1: SIGKILL of the active bridge (a real process) mid-stream lost 17-18 acknowledged QoS 1 values, which
 * the standby had acknowledged and then dropped. Now the standby's shadow holds them until the active bridge says
 * the channel took them (its echo came back): every value arrives on the real TLS channel, in order, through one link
 * at a time; once, but for values the killed bridge had just sent (at least once across a crash).
 */
class BridgeFailoverTest {
    private static final int VALUES = 240;
    private static final int KILL_AT = 80;
    private static final int IN_FLIGHT = 30;

    @TempDir
    Path configDir;

    @Test
    void shouldDeliverEveryAcknowledgedValueOnceWhenTheActiveBridgeIsKilled() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        try (ChannelServer server = new ChannelServer(ChannelServerConfig.of("127.0.0.1", 0, true, configDir)).start();
                MeshNode publisher = new MeshNode(MeshConfig.builder().name("failover-pub").interfaceAddress("127.0.0.1")
                        .mdns(false).scoutPort(0).build()).start()) {
            server.tap((clientId, payload) -> seen.add(payload));
            String url = server.url("classroom").toString();
            String seed = TestMesh.seed(publisher);
            String cert = server.certificate().toString();
            try (ChildJvm active = new ChildJvm("bridge-a", BridgeProcess.class, "bridge-a", url, cert, "10", seed);
                    ChildJvm standby = new ChildJvm("bridge-b", BridgeProcess.class, "bridge-b", url, cert, "5", seed)) {
                active.await("ROLE active open", 30_000);
                standby.await("ROLE standby", 30_000);
                Loopback.await(() -> publisher.peers().stream().filter(p -> p.subscriptions().contains("")).count() == 2,
                        10_000, "the publisher to know both bridges' subscriptions");
                for (int i = 0; i < VALUES; i++) {
                    publisher.publish("/acked", Values.of(i), Qos.QOS_ACKED);
                    if (i == KILL_AT) {
                        active.kill();
                    }
                    Thread.sleep(8);
                }
                standby.await("ROLE active open", 10_000);
                String last = "{\"topic\":\"/acked\",\"value\":" + (VALUES - 1) + "}";
                Loopback.await(() -> seen.contains(last) && publisher.unacknowledged() == 0, 10_000,
                        "the last value upstream and every send acknowledged");
                Thread.sleep(300);
            }
            assertNoneLostInOrder(seen);
            assertEquals(1, server.peakConnections(), "never two bridge connections at once");
        }
    }

    private static void assertNoneLostInOrder(List<String> payloads) {
        Map<Integer, Integer> counts = new TreeMap<>();
        List<Integer> order = new ArrayList<>();
        for (String p : payloads) {
            int v = Integer.parseInt(p.replaceAll(".*\"value\":(\\d+)}", "$1"));
            counts.merge(v, 1, Integer::sum);
            order.add(v);
        }
        long lost = VALUES - counts.size();
        long duplicated = payloads.size() - counts.size();
        System.out.printf("[figure] bridge SIGKILL failover, QoS 1: %d values, %d lost, %d duplicated%n", VALUES, lost,
                duplicated);
        // QoS 1 is at least once across a crash (README "Reliability"): a value is taken only when the channel
        // echoed it, so none may be lost; one the channel had whose echo or notice had not yet reached the standby
        // is sent again by it, so a duplicate may appear, but only of a value the killed bridge sent just before.
        // In flight: sent in the last ~0.25 s before the kill (30 values at one per 8 ms), the echo's round trip on a
        // loaded machine.
        assertEquals(0, lost, "lost: " + missing(counts));
        counts.forEach((v, n) -> assertTrue(n == 1 || (n == 2 && v > KILL_AT - IN_FLIGHT && v <= KILL_AT),
                "value " + v + " went up " + n + " times, away from the kill at " + KILL_AT));
        List<Integer> firsts = order.stream().distinct().toList();
        for (int i = 1; i < firsts.size(); i++) {
            assertTrue(firsts.get(i) > firsts.get(i - 1), "out of order at " + i + ": " + order);
        }
    }

    private static List<Integer> missing(Map<Integer, Integer> counts) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < VALUES; i++) {
            if (!counts.containsKey(i)) {
                out.add(i);
            }
        }
        return out;
    }
}
