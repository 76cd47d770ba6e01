package org.motormesh.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.motormesh.bridge.election.ElectionRole;
import org.motormesh.bridge.link.Backoff;
import org.motormesh.bridge.link.LinkConfig;
import org.motormesh.bridge.mapping.TopicRules;
import org.motormesh.bridge.outbox.OutboxConfig;
import org.motormesh.bridge.server.ChannelServer;
import org.motormesh.bridge.server.ChannelServerConfig;
import org.motormesh.node.Loopback;
import org.motormesh.node.MeshNode;
import org.motormesh.proto.v1.Qos;
import org.motormesh.proto.v1.Value;

/** Two bridges on one mesh: at most one channel connection at any moment, take-over, no duplicates. */
class TwoBridgesTest {
    @TempDir
    Path configDir;

    @Test
    void shouldHoldOneLinkAndTakeOverWithoutDuplicates() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        Map<String, String> senders = new ConcurrentHashMap<>();
        try (ChannelServer server = new ChannelServer(ChannelServerConfig.of("127.0.0.1", 0, true, configDir)).start();
                TestMesh mesh = new TestMesh()) {
            server.tap((clientId, payload) -> {
                seen.add(payload);
                senders.put(clientId, payload);
            });
            String url = server.url("classroom").toString();
            MeshNode publisher = mesh.node("pub-e", List.of());
            String seed = TestMesh.seed(publisher);
            LinkConfig link = LinkConfig.of(url, server.certificate()).withBackoff(new Backoff(50, 200));
            BridgeConfig config = new BridgeConfig(link, OutboxConfig.defaults().withRate(0), TopicRules.all(), 800);
            MeshNode nodeA = mesh.bridgeNode("bridge-a", url, 10, List.of(seed));
            MeshNode nodeB = mesh.bridgeNode("bridge-b", url, 5, List.of(seed));
            Bridge a = new Bridge(config, nodeA).start();
            Bridge b = mesh.track(new Bridge(config, nodeB).start());
            Loopback.await(() -> a.role() == ElectionRole.ACTIVE && a.stats().link().equals("open"), 10_000, "a active");
            assertEquals(ElectionRole.STANDBY, b.role());

            int n = 0;
            for (; n < 300; n++) {
                publisher.publish("/count", Value.newBuilder().setInteger(n).build(), Qos.QOS_LATEST);
                Thread.sleep(5);
                if (n == 100) {
                    a.close();
                    nodeA.close();
                }
            }
            Loopback.await(() -> b.role() == ElectionRole.ACTIVE, 5000, "b takes over");
            final int last = n - 1;
            Loopback.await(() -> seen.contains("{\"topic\":\"/count\",\"value\":" + last + "}"), 5000, "last value through b");

            assertEquals(1, server.peakConnections(), "never two bridge connections at once");
            Set<String> unique = new HashSet<>(seen);
            assertEquals(seen.size(), unique.size(), "no duplicate upstream");
            assertEquals(2, senders.size(), "both bridges sent, one after the other");
            assertTrue(seen.size() > 250, "little lost in the take-over: " + seen.size());
        }
    }
}
