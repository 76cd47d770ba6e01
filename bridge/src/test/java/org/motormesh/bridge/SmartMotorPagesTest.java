package org.motormesh.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.motormesh.bridge.link.LinkConfig;
import org.motormesh.bridge.mapping.ChannelFrame;
import org.motormesh.bridge.mapping.TopicRules;
import org.motormesh.bridge.outbox.OutboxConfig;
import org.motormesh.bridge.server.ChannelServer;
import org.motormesh.bridge.server.ChannelServerConfig;
import org.motormesh.mesh.Message;
import org.motormesh.node.Loopback;
import org.motormesh.node.MeshNode;
import org.motormesh.proto.v1.Qos;
import org.motormesh.proto.v1.Value;

/** Pages written for the older Smart Motors (/controller/data, /receiver/data, integer angle) work with mesh motors. */
class SmartMotorPagesTest {
    @TempDir
    Path configDir;

    @Test
    void shouldRenameOldSmartMotorTopicsBothWaysWithoutLoop() throws Exception {
        List<Message> atMotor = new CopyOnWriteArrayList<>();
        try (ChannelServer server = new ChannelServer(ChannelServerConfig.of("127.0.0.1", 0, true, configDir)).start();
                TestMesh mesh = new TestMesh()) {
            String url = server.url("hackathon").toString();
            MeshNode controller = mesh.node("motor-1", List.of());
            MeshNode receiver = mesh.node("motor-3", List.of(TestMesh.seed(controller)));
            receiver.subscribe("/SM/motor-1/angle", atMotor::add);
            Map<String, String> renames = new HashMap<>();
            TopicRules.parseRename("/SM/motor-1/angle=/controller/data", renames);
            TopicRules.parseRename("/SM/motor-3/angle=/receiver/data", renames);
            MeshNode bridgeNode = mesh.bridgeNode("bridge-sm", url, 10, List.of(TestMesh.seed(controller)));
            Bridge bridge = mesh.track(new Bridge(new BridgeConfig(LinkConfig.of(url, server.certificate()),
                    OutboxConfig.defaults(), new TopicRules(List.of("/SM/"), List.of("/controller/", "/receiver/"), renames), 0),
                    bridgeNode).start());
            TestChannelClient page = mesh.track(new TestChannelClient(url, server.certificate()).connect());
            Loopback.await(() -> bridge.stats().link().equals("open"), 10_000, "link open");
            Loopback.await(() -> bridgeNode.peers().stream().anyMatch(p -> p.subscriptions().contains("/SM/motor-1/angle")),
                    5000, "motor-3's subscription at the bridge");

            page.send("{\"topic\":\"/controller/data\",\"value\":90}");
            Loopback.await(() -> !atMotor.isEmpty(), 5000, "the page's angle at motor-3");
            assertEquals("/SM/motor-1/angle", atMotor.get(0).topic());
            assertEquals(90, atMotor.get(0).value().getInteger());
            assertTrue(atMotor.get(0).fromChannel());

            Loopback.await(() -> controller.peers().stream().anyMatch(p -> p.subscriptions().contains("/SM/")), 5000,
                    "bridge subscription at motor-1");
            Loopback.await(() -> {
                controller.publish("/SM/motor-1/angle", Value.newBuilder().setInteger(45).build(), Qos.QOS_LATEST);
                return !page.messagesFromOthersThan(page.clientId()).isEmpty();
            }, 5000, "motor-1's knob at the page");
            ChannelFrame f = page.messagesFromOthersThan(page.clientId()).get(0);
            assertEquals("{\"topic\":\"/controller/data\",\"value\":45}", f.payload());
            Thread.sleep(200);
            assertTrue(page.messagesFromOthersThan(page.clientId()).stream().allMatch(m -> m.value().getInteger() == 45),
                    "the page's own 90 never came back up");
        }
    }
}
