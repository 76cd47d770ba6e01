package org.motormesh.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.motormesh.bridge.election.ElectionRole;
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

/** The whole bridge over real TLS against the embedded server, with real mesh nodes on loopback. */
class BridgeTlsTest {
    @TempDir
    static Path configDir;
    static ChannelServer server;

    TestMesh mesh;
    MeshNode publisher;
    MeshNode subscriber;
    Bridge bridge;
    TestChannelClient page;
    final List<Message> received = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startServer() throws Exception {
        server = new ChannelServer(ChannelServerConfig.of("127.0.0.1", 0, true, configDir)).start();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @BeforeEach
    void startMeshAndBridge() throws Exception {
        mesh = new TestMesh();
        publisher = mesh.node("pub", List.of());
        subscriber = mesh.node("sub", List.of(TestMesh.seed(publisher)));
        subscriber.subscribe("", received::add);
        String url = server.url("classroom").toString();
        MeshNode bridgeNode = mesh.bridgeNode("bridge-1", url, 10, List.of(TestMesh.seed(publisher)));
        LinkConfig link = LinkConfig.of(url, server.certificate());
        bridge = mesh.track(new Bridge(new BridgeConfig(link, OutboxConfig.defaults().withRate(0), TopicRules.all(), 0),
                bridgeNode).start());
        page = mesh.track(new TestChannelClient(url, server.certificate()).connect());
        Loopback.await(() -> bridge.stats().link().equals("open"), 10_000, "bridge link open");
        Loopback.await(() -> publisher.peers().size() == 2 && subscriber.peers().size() == 2, 5000, "mesh formed");
    }

    @AfterEach
    void stop() throws Exception {
        mesh.close();
    }

    @Test
    void shouldDeliverMeshPublishAsExactProtocolFrame() throws Exception {
        Value v = Value.newBuilder().setInteger(42).build();
        Loopback.await(() -> {
            publisher.publish("/SM/accel", v, Qos.QOS_LATEST);
            return !page.messagesFromOthersThan(page.clientId()).isEmpty();
        }, 5000, "mesh publish at the page");
        String text = page.texts.stream().filter(t -> !t.contains(page.clientId())).findFirst().orElseThrow();
        JsonObject frame = JsonParser.parseString(text).getAsJsonObject();
        assertEquals(Set.of("type", "client_id", "payload"), frame.keySet());
        assertEquals("data", frame.get("type").getAsString());
        assertTrue(frame.get("payload").getAsJsonPrimitive().isString());
        assertEquals("{\"topic\":\"/SM/accel\",\"value\":42}", frame.get("payload").getAsString());
        assertEquals(ElectionRole.ACTIVE, bridge.role());
        Loopback.await(() -> bridge.stats().dropped().getOrDefault("echo", 0L) >= 1, 5000, "own echo dropped");
        assertEquals(0, bridge.stats().down(), "own message not sent back down");
        assertTrue(received.stream().noneMatch(Message::fromChannel));
    }

    @Test
    void shouldBringEveryValueKindDownIntactWithoutLoop() throws Exception {
        Loopback.await(() -> subscriber.peers().stream().anyMatch(p -> p.role().equals("bridge")), 5000, "bridge peer");
        List<String> values = List.of("90", "-2.5", "\"heartbeat\"", "true", "{\"a\":[1,2.5,\"x\"],\"b\":null}", "[1,\"two\",false]");
        for (String value : values) {
            page.send("{\"topic\": \"/controller/data\", \"value\": " + value + "}");
        }
        page.send("{\"type\":\"data\",\"payload\":\"{\\\"topic\\\":\\\"/LEGO\\\",\\\"value\\\":\\\"[...]\\\"}\"}");
        Loopback.await(() -> received.size() >= 7, 5000, "7 messages on the mesh");
        assertEquals(Value.newBuilder().setInteger(90).build(), received.get(0).value());
        assertEquals(Value.newBuilder().setNumber(-2.5).build(), received.get(1).value());
        assertEquals(Value.newBuilder().setText("heartbeat").build(), received.get(2).value());
        assertEquals(Value.newBuilder().setBoolean(true).build(), received.get(3).value());
        assertEquals(Value.newBuilder().setJson("{\"a\":[1,2.5,\"x\"],\"b\":null}").build(), received.get(4).value());
        assertEquals(Value.newBuilder().setJson("[1,\"two\",false]").build(), received.get(5).value());
        assertEquals("/LEGO", received.get(6).topic());
        assertEquals("[...]", received.get(6).value().getText());
        assertTrue(received.stream().allMatch(Message::fromChannel));
        Thread.sleep(300);
        List<ChannelFrame> fromBridge = page.messagesFromOthersThan(page.clientId());
        assertEquals(List.of(), fromBridge, "nothing came back up");
        assertEquals(0, bridge.stats().up());
        assertEquals(7, bridge.stats().down());
        assertEquals(null, bridge.stats().dropped().get("echo"), "the page's messages are not the bridge's echoes");
    }

    @Test
    void shouldKeepObjectsAndArraysJsonOnTheWayUp() throws Exception {
        Value obj = Value.newBuilder().setJson("{\"x\":[1,2],\"y\":{\"z\":true}}").build();
        Loopback.await(() -> {
            publisher.publish("/obj", obj, Qos.QOS_LATEST);
            return !page.messagesFromOthersThan(page.clientId()).isEmpty();
        }, 5000, "object at the page " + bridge.stats().statusLine() + " " + page.texts);
        ChannelFrame f = page.messagesFromOthersThan(page.clientId()).get(0);
        assertEquals("{\"topic\":\"/obj\",\"value\":{\"x\":[1,2],\"y\":{\"z\":true}}}", f.payload());
    }
}
