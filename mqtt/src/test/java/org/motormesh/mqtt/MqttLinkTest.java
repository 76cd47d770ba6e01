package org.motormesh.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.motormesh.bridge.outbox.OutboxConfig;
import org.motormesh.mesh.Message;
import org.motormesh.mesh.Values;
import org.motormesh.node.Loopback;
import org.motormesh.node.MeshNode;
import org.motormesh.proto.v1.Qos;
import org.motormesh.proto.v1.Value;

/**
 * A mesh linked to a real Mosquitto, MQTT 3.1.1 and 5: mesh values reach MQTT as exactly the channel's JSON (QoS kept),
 * MQTT messages reach the mesh as exactly the values the channel would make, the link's own messages never come back
 * down, and a dashboard that subscribes late gets the current values (retained).
 */
class MqttLinkTest {
    @TempDir
    Path dir;

    static MqttLinkConfig config(int port, int version) {
        return MqttLinkConfig.of("mqtt://127.0.0.1:" + port).with(version, null, null, null, "motormesh/", "lab")
                .withOutbox(OutboxConfig.defaults().withRate(0)).withSettleMs(300);
    }

    static void awaitOpen(MqttLinkNode link) throws InterruptedException {
        Loopback.await(() -> link.link().stats().link().equals("open") && link.link().stats().role().equals("active"),
                15_000, "the link to be elected and connected: " + link.link().stats().statusLine());
    }

    /** Waits until {@code publisher} knows {@code peerName} subscribed to everything, so publishes reach it. */
    static void awaitSubscriber(MeshNode publisher, String peerName) throws InterruptedException {
        Loopback.await(() -> publisher.peers().stream().anyMatch(p -> p.name().equals(peerName)
                && p.subscriptions().contains("")), 10_000, "the publisher to know " + peerName + "'s subscriptions");
    }

    @ParameterizedTest(name = "MQTT version {0}")
    @ValueSource(ints = {5, 3})
    void shouldCarryExactValuesBothWaysWithoutEchoAndRetainTheLatest(int version) throws Exception {
        try (LocalMosquitto broker = Mosquitto.start(dir); Room room = new Room("lab")) {
            MeshNode pub = room.node("pub");
            MeshNode sub = room.node("sub");
            List<Message> onMesh = Room.record(sub, "");
            MqttLinkNode link = room.link("link", config(broker.port(), version), 10);
            awaitOpen(link);
            awaitSubscriber(pub, "lab-link");
            awaitSubscriber(link.node(), "lab-sub");
            MqttProbe dashboard = room.track(MqttProbe.connect(broker.port(), "motormesh/#"));

            Map<String, Value> up = Map.of("lab/int", Values.of(42), "lab/num", Values.of(1.5),
                    "lab/text", Values.text("héllo \"q\""), "lab/bool", Values.of(true),
                    "lab/json", Values.json("{\"a\":[1,2],\"b\":null}"));
            up.forEach((t, v) -> pub.publish(t, v, Qos.QOS_LATEST));
            pub.publish("lab/acked", Values.of(7), Qos.QOS_ACKED);
            Map<String, String> expected = Map.of("lab/int", "42", "lab/num", "1.5", "lab/text",
                    "\"héllo \\\"q\\\"\"", "lab/bool", "true", "lab/json", "{\"a\":[1,2],\"b\":null}", "lab/acked", "7");
            Loopback.await(() -> expected.keySet().stream().allMatch(t -> !dashboard.payloads("motormesh/" + t).isEmpty()),
                    10_000, "every value on MQTT: " + dashboard.got());
            expected.forEach((t, json) -> assertEquals(List.of(json), dashboard.payloads("motormesh/" + t), t));
            assertTrue(dashboard.has(g -> g.topic().equals("motormesh/lab/acked") && g.acked()), "QoS 1 kept");
            assertTrue(dashboard.has(g -> g.topic().equals("motormesh/lab/int") && !g.acked()), "QoS 0 kept");

            dashboard.publish("motormesh/hub/int", "17", true);
            dashboard.publish("motormesh/hub/text", "\"x y\"", false);
            dashboard.publish("motormesh/hub/plain", "on", false);
            dashboard.publish("motormesh/hub/obj", "{\"k\":[true,null]}", false);
            dashboard.publish("motormesh/hub/big", "123456789012345678901234567890", false);
            Loopback.await(() -> onMesh.stream().filter(m -> m.topic().startsWith("hub/")).count() >= 5, 10_000,
                    "every MQTT value on the mesh: " + onMesh);
            assertEquals(Values.of(17), one(onMesh, "hub/int").value());
            assertEquals(Qos.QOS_ACKED, one(onMesh, "hub/int").qos());
            assertTrue(one(onMesh, "hub/int").fromChannel(), "marked as from outside, so nothing sends it up again");
            assertEquals(Values.text("x y"), one(onMesh, "hub/text").value());
            assertEquals(Qos.QOS_LATEST, one(onMesh, "hub/text").qos());
            assertEquals(Values.text("on"), one(onMesh, "hub/plain").value(), "text that is not JSON stays text");
            assertEquals(Values.json("{\"k\":[true,null]}"), one(onMesh, "hub/obj").value());
            assertEquals(Values.json("123456789012345678901234567890"), one(onMesh, "hub/big").value(), "digits kept");

            Thread.sleep(500);
            for (String t : expected.keySet()) {
                List<Message> copies = onMesh.stream().filter(m -> m.topic().equals(t)).toList();
                assertEquals(1, copies.size(), t + " reached the mesh subscriber once, not again from MQTT: " + copies);
                assertFalse(copies.get(0).fromChannel(), t);
            }
            for (String t : expected.keySet()) {
                assertEquals(1, dashboard.payloads("motormesh/" + t).size(), t + " once on MQTT (no loop)");
            }
            assertEquals(5, dashboard.got().stream().filter(g -> g.topic().startsWith("motormesh/hub/")).count(),
                    "the MQTT side's own messages once each (nothing sent back up): " + dashboard.got());
            if (version == 3) {
                assertTrue(link.link().stats().dropped().getOrDefault("echo", 0L) >= expected.size(),
                        "3.1.1 echoes recognised: " + link.link().stats().statusLine());
            }

            pub.publish("lab/int", Values.of(43), Qos.QOS_LATEST);
            Loopback.await(() -> dashboard.payloads("motormesh/lab/int").contains("43"), 10_000, "the new value");
            try (MqttProbe late = MqttProbe.connect(broker.port(), "motormesh/lab/#")) {
                Loopback.await(() -> late.got().size() >= expected.size(), 10_000, "retained values: " + late.got());
                assertEquals(List.of("43"), late.payloads("motormesh/lab/int"), "the latest value, retained");
                assertEquals(List.of("{\"a\":[1,2],\"b\":null}"), late.payloads("motormesh/lab/json"));
                assertTrue(late.got().stream().allMatch(MqttProbe.Got::retained), "delivered from the retained store");
            }
            System.out.println("[mqtt v" + version + "] " + link.link().stats().statusLine());
        }
    }

    /** Whatever another client on the broker sends is input: bad bytes are counted, never a crash or a stall. */
    @org.junit.jupiter.api.Test
    void shouldCountHostilePayloadsFromTheBrokerAndCarryOn() throws Exception {
        try (LocalMosquitto broker = Mosquitto.start(dir); Room room = new Room("lab")) {
            MeshNode sub = room.node("sub");
            List<Message> onMesh = Room.record(sub, "");
            MqttLinkNode link = room.link("link", config(broker.port(), 5), 10);
            awaitOpen(link);
            awaitSubscriber(link.node(), "lab-sub");
            MqttProbe hostile = room.track(MqttProbe.connect(broker.port(), null));
            hostile.publish("motormesh/h/utf8", new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF}, false);
            hostile.publish("motormesh/h/huge", "9".repeat(80_000), false);
            hostile.publish("motormesh/h/deep", "[".repeat(300) + "]".repeat(300), false);
            hostile.publish("motormesh/h/trunc", "{\"a\":[1,2", false);
            hostile.publish("motormesh/h/empty", new byte[0], false);
            hostile.publish("motormesh/h/ok", "5", true);
            Loopback.await(() -> onMesh.stream().anyMatch(m -> m.topic().equals("h/ok")), 10_000,
                    "the good value after the hostile ones: " + link.link().stats().statusLine());
            Map<String, Long> dropped = link.link().stats().dropped();
            assertEquals(1L, dropped.getOrDefault("not_utf8", 0L), dropped.toString());
            assertEquals(1L, dropped.getOrDefault("too_large", 0L), dropped.toString());
            assertEquals(Values.of(5), one(onMesh, "h/ok").value());
            assertTrue(onMesh.stream().noneMatch(m -> m.topic().equals("h/utf8") || m.topic().equals("h/huge")),
                    onMesh.toString());
            // Not JSON, or nested past the cap: carried as the text it is, never parsed into a deep tree.
            assertEquals(Values.text("{\"a\":[1,2"), one(onMesh, "h/trunc").value());
            assertEquals(Values.text("[".repeat(300) + "]".repeat(300)), one(onMesh, "h/deep").value());
        }
    }

    private static Message one(List<Message> got, String topic) {
        List<Message> m = got.stream().filter(x -> x.topic().equals(topic)).toList();
        assertEquals(1, m.size(), topic + ": " + m);
        return m.get(0);
    }
}
