package org.motormesh.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.motormesh.bridge.link.Backoff;
import org.motormesh.bridge.link.LinkConfig;
import org.motormesh.bridge.mapping.TopicRules;
import org.motormesh.bridge.outbox.OutboxConfig;
import org.motormesh.mesh.Message;
import org.motormesh.node.Loopback;
import org.motormesh.node.MeshNode;

/** A channel server sending garbage, oversized and masked frames: counted, refused, and relaying goes on. */
class HostileChannelTest {
    private static byte[] t(String text) {
        return RawWsServer.text(text, false);
    }

    private static byte[] valid(String topic, int value) {
        return t("{\"type\":\"data\",\"client_id\":\"other\",\"payload\":\"{\\\"topic\\\":\\\"" + topic
                + "\\\",\\\"value\\\":" + value + "}\"}");
    }

    private static List<byte[]> script(int connection) {
        byte[] welcome = t("{\"type\":\"welcome\",\"client_id\":\"raw-" + connection + "\"}");
        switch (connection) {
            case 0:
                return List.of(welcome, t("not json"), t("{\"type\":\"data\",\"payload\":5}"),
                        t("{\"type\":\"data\",\"client_id\":\"x\",\"payload\":\"{\\\"topic\\\":7}\"}"),
                        t("\"" + "x".repeat(1_000_000) + "\""),
                        t("{\"topic\":\"/deep\",\"value\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}"),
                        t("[1,2]"), t("{\"type\":\"mystery\"}"),
                        t("{\"topic\":\"/big\",\"value\":\"" + "y".repeat(5000) + "\"}"),
                        valid("/ok", 1), t("x".repeat(2 << 20)));
            case 1:
                return List.of(welcome, valid("/ok", 2), RawWsServer.text("{\"topic\":\"/masked\",\"value\":0}", true));
            default:
                return List.of(welcome, valid("/ok", 3));
        }
    }

    @Test
    void shouldCountHostileFramesRefuseBadOnesAndKeepRelaying() throws Exception {
        List<Message> received = new CopyOnWriteArrayList<>();
        try (RawWsServer server = new RawWsServer(HostileChannelTest::script); TestMesh mesh = new TestMesh()) {
            MeshNode sub = mesh.node("sub", List.of());
            sub.subscribe("", received::add);
            MeshNode bridgeNode = mesh.bridgeNode("bridge-h", server.url(), 1, List.of(TestMesh.seed(sub)));
            Loopback.await(() -> sub.peers().size() == 1, 5000, "mesh formed");
            LinkConfig link = LinkConfig.of(server.url(), null).withBackoff(new Backoff(20, 100));
            Bridge bridge = mesh.track(new Bridge(new BridgeConfig(link, OutboxConfig.defaults(), TopicRules.all(), 0),
                    bridgeNode).start());
            try {
                Loopback.await(() -> received.size() >= 3, 15_000, "three valid messages across three connections");
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + ": " + received + " " + bridge.stats().statusLine(), e);
            }

            assertEquals(List.of("/ok", "/ok", "/ok"), received.stream().limit(3).map(Message::topic).toList());
            assertEquals(List.of(1L, 2L, 3L), received.stream().limit(3).map(m -> m.value().getInteger()).toList());
            Map<String, Long> dropped = bridge.stats().dropped();
            assertEquals(2L, dropped.get("malformed"), "not json, and too deep: " + dropped);
            assertEquals(1L, dropped.get("bad_payload"), dropped.toString());
            assertEquals(1L, dropped.get("no_topic"), dropped.toString());
            assertEquals(1L, dropped.get("too_large"), dropped.toString());
            assertEquals(1L, dropped.get("not_object"), dropped.toString());
            assertEquals(1L, dropped.get("unknown_type"), dropped.toString());
            assertEquals(1L, dropped.get("too_big_for_mesh"), "fits the channel, not a datagram: " + dropped);
            assertEquals(1L, dropped.get("link_too_big"), "2 MiB frame closed with 1009: " + dropped);
            assertEquals(1L, dropped.get("link_protocol"), "masked frame closed with 1002: " + dropped);
            assertTrue(received.stream().noneMatch(m -> m.topic().equals("/masked")));
            assertTrue(bridge.stats().down() >= 3);
        }
    }

    @Test
    void shouldNoticeDeadServerWithinTenSeconds() throws Exception {
        byte[] welcome = t("{\"type\":\"welcome\",\"client_id\":\"silent\"}");
        try (RawWsServer server = new RawWsServer(n -> List.of(welcome));
                TestChannelClient client = new TestChannelClient(server.url(), null).connect()) {
            long openedNs = System.nanoTime();
            Loopback.await(() -> client.link().closes().containsKey("lost"), 12_000, "ping timeout");
            long ms = (System.nanoTime() - openedNs) / 1_000_000;
            assertTrue(ms < 10_000, "dead link noticed after " + ms + " ms");
            Loopback.await(() -> server.connections() >= 2, 5000, "reconnect after the dead link");
        }
    }
}
