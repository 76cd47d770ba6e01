package org.motormesh.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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

/** The channel server restarts: what was published meanwhile arrives in order; past capacity the drop count is exact. */
class ChannelOutageTest {
    @TempDir
    Path configDir;
    final List<String> seen = new CopyOnWriteArrayList<>();
    int port;

    private ChannelServer startServer() throws Exception {
        ChannelServer server = new ChannelServer(ChannelServerConfig.of("127.0.0.1", port, true, configDir)).start();
        port = server.port();
        server.tap((clientId, payload) -> seen.add(payload));
        return server;
    }

    private static String payload(int i) {
        return "{\"topic\":\"/seq\",\"value\":" + i + "}";
    }

    private void publishAll(MeshNode publisher, Bridge bridge, int from, int to, int expectQueued) throws Exception {
        for (int i = from; i < to; i++) {
            publisher.publish("/seq", Value.newBuilder().setInteger(i).build(), Qos.QOS_LATEST);
            if (i % 5 == 0) {
                Thread.sleep(1); // a loopback UDP receive buffer holds only a few hundred datagrams
            }
        }
        long expectOverflow = (to - from) - expectQueued;
        try {
            Loopback.await(() -> bridge.stats().queued() == expectQueued
                    && bridge.stats().dropped().getOrDefault("overflow", 0L) == expectOverflow, 5000,
                    expectQueued + " queued and exactly " + expectOverflow + " oldest dropped");
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + ": " + bridge.stats().statusLine() + " mesh " + publisher.stats(), e);
        }
    }

    @Test
    void shouldDeliverOutageMessagesInOrderAndCountOverflowExactly() throws Exception {
        ChannelServer server = startServer();
        try (TestMesh mesh = new TestMesh()) {
            MeshNode publisher = mesh.node("pub-o", List.of());
            String url = server.url("classroom").toString();
            MeshNode bridgeNode = mesh.bridgeNode("bridge-o", url, 1, List.of(TestMesh.seed(publisher)));
            LinkConfig link = LinkConfig.of(url, server.certificate()).withBackoff(new Backoff(50, 200));
            OutboxConfig outbox = new OutboxConfig(100, 0, 1000);
            Bridge bridge = mesh.track(new Bridge(new BridgeConfig(link, outbox, TopicRules.all(), 0), bridgeNode).start());
            Loopback.await(() -> publisher.peers().stream().anyMatch(p -> p.subscriptions().contains("")), 5000,
                    "bridge subscription known");
            Loopback.await(() -> bridge.stats().link().equals("open"), 10_000, "link open");
            publisher.publish("/seq", Value.newBuilder().setInteger(0).build(), Qos.QOS_LATEST);
            Loopback.await(() -> seen.contains(payload(0)), 5000, "first message through");

            server.close();
            Loopback.await(() -> !bridge.stats().link().equals("open"), 5000, "link down");
            seen.clear();
            publishAll(publisher, bridge, 1, 81, 80);
            server = startServer();
            Loopback.await(() -> seen.size() >= 80, 10_000, "80 outage messages after restart");
            assertEquals(IntStream.range(1, 81).mapToObj(ChannelOutageTest::payload).toList(), seen);
            assertEquals(null, bridge.stats().dropped().get("overflow"));

            server.close();
            Loopback.await(() -> !bridge.stats().link().equals("open"), 5000, "link down again");
            seen.clear();
            publishAll(publisher, bridge, 1000, 1250, 100);
            assertEquals(150L, bridge.stats().dropped().get("overflow"), "exactly the 150 oldest dropped");
            server = startServer();
            Loopback.await(() -> seen.size() >= 100, 10_000, "the newest 100 after restart");
            Thread.sleep(200);
            assertEquals(IntStream.range(1150, 1250).mapToObj(ChannelOutageTest::payload).toList(), seen);
            assertTrue(bridge.stats().up() >= 181);
        } finally {
            server.close();
        }
    }
}
