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

/**
 * A better-ranked bridge that comes back (issue 11.1: the healthy active one stepped aside at once and 36-39
 * values were lost) waits as standby: the bridge holding the link advertises a raised priority, so there is no
 * hand-over, no second connection and nothing lost while it returns.
 */
class ReturningBridgeTest {
    @TempDir
    Path configDir;

    @Test
    void shouldNotTakeOverFromAHealthyActiveBridge() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        try (ChannelServer server = new ChannelServer(ChannelServerConfig.of("127.0.0.1", 0, true, configDir)).start();
                TestMesh mesh = new TestMesh()) {
            server.tap((clientId, payload) -> seen.add(payload));
            String url = server.url("classroom").toString();
            MeshNode publisher = mesh.node("pub-r", List.of());
            String seed = TestMesh.seed(publisher);
            LinkConfig link = LinkConfig.of(url, server.certificate()).withBackoff(new Backoff(50, 200));
            BridgeConfig config = new BridgeConfig(link, OutboxConfig.defaults().withRate(0), TopicRules.all(), 800);
            MeshNode low = mesh.bridgeNode("bridge-low", url, 5, List.of(seed));
            Bridge standing = new Bridge(config, low).start();
            Loopback.await(() -> standing.role() == ElectionRole.ACTIVE && standing.stats().link().equals("open"),
                    10_000, "the only bridge active");

            MeshNode high = mesh.bridgeNode("bridge-high", url, 20, List.of(seed));
            Bridge returning = mesh.track(new Bridge(config, high).start());
            int n = 0;
            for (; n < 300; n++) {
                publisher.publish("/count", Value.newBuilder().setInteger(n).build(), Qos.QOS_LATEST);
                Thread.sleep(10);
            }
            final int last = n - 1;
            Loopback.await(() -> seen.contains("{\"topic\":\"/count\",\"value\":" + last + "}"), 5000,
                    "the last value upstream");
            assertEquals(ElectionRole.ACTIVE, standing.role(), "the healthy active bridge kept the link");
            assertEquals(ElectionRole.STANDBY, returning.role(), "the better-ranked one waits");
            assertEquals(1, server.peakConnections(), "never two bridge connections");
            assertEquals(0, standing.stats().dropped().getOrDefault("yielded", 0L), "nothing thrown away");
            assertTrue(seen.size() >= 295, "nothing lost while it returned: " + seen.size() + " of 300");

            standing.close();
            low.close();
            Loopback.await(() -> returning.role() == ElectionRole.ACTIVE, 5000, "it takes over when the active one goes");
        }
    }
}
