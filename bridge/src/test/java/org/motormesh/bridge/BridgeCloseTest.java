package org.motormesh.bridge;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.motormesh.bridge.link.LinkConfig;
import org.motormesh.bridge.mapping.TopicRules;
import org.motormesh.bridge.outbox.OutboxConfig;
import org.motormesh.bridge.server.ChannelServer;
import org.motormesh.bridge.server.ChannelServerConfig;
import org.motormesh.node.Loopback;
import org.motormesh.node.MeshNode;

/**
 * Closing a bridge is quick and leaves no thread behind, even with a retry or a deadline scheduled; a link's late
 * callbacks after that are ignored (they used to throw RejectedExecutionException into the link library's thread).
 */
class BridgeCloseTest {
    @Test
    void shouldCloseQuicklyLeavingNoThreads() throws Exception {
        try (ChannelServer server = new ChannelServer(ChannelServerConfig.of("127.0.0.1", 0, false, null)).start();
                TestMesh mesh = new TestMesh()) {
            String url = server.url("c").toString();
            MeshNode node = mesh.bridgeNode("bridge-c", url, 1, List.of());
            Bridge bridge = new Bridge(new BridgeConfig(LinkConfig.of(url, null), OutboxConfig.defaults(), TopicRules.all(), 0),
                    node).start();
            Loopback.await(() -> bridge.stats().link().equals("open"), 5000, "link open");
            long t0 = System.nanoTime();
            bridge.close();
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(ms < 500, "closing took " + ms + " ms");
            assertDoesNotThrow(() -> {
                bridge.onLinkDown("closed late");
                bridge.onLinkUp();
            }, "a link reporting after close");
            Loopback.await(() -> server.connections() == 0, 2000, "the server sees the link gone");
            Thread.sleep(100);
            assertEquals(List.of(), Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
                    .map(Thread::getName).filter(n -> n.equals("bridge-loop") || n.equals("channel-link")).toList());
        }
    }
}
