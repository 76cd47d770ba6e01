package org.motormesh.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.motormesh.bridge.mapping.TopicRules;
import org.motormesh.mesh.Message;
import org.motormesh.mesh.Values;
import org.motormesh.node.Loopback;
import org.motormesh.node.MeshNode;
import org.motormesh.proto.v1.Qos;

/**
 * Two classrooms, two meshes that cannot reach each other, one school broker: each room's link shares everything
 * both ways under one prefix (the hardest case for loops), one speaking MQTT 5 and the other 3.1.1. Each room sees
 * the other's values exactly once and in order, never its own values back, and on the broker every value appears once:
 * nothing circulates.
 */
class FederationTest {
    private static final int ACKED = 30;
    private static final int LATEST = 60;

    @TempDir
    Path dir;

    @Test
    void shouldLetTwoMeshesSeeEachOtherThroughOneBrokerWithoutLoopsOrDuplicates() throws Exception {
        try (LocalMosquitto broker = Mosquitto.start(dir); Room room1 = new Room("r1"); Room room2 = new Room("r2")) {
            MeshNode pub1 = room1.node("pub");
            MeshNode pub2 = room2.node("pub");
            List<Message> seen1 = Room.record(room1.node("sub"), "");
            List<Message> seen2 = Room.record(room2.node("sub"), "");
            MqttLinkConfig school = MqttLinkTest.config(broker.port(), 5).withRules(TopicRules.all());
            MqttLinkNode link1 = room1.link("link", school.with(5, null, null, null, "school/", "room1"), 10);
            MqttLinkNode link2 = room2.link("link", school.with(3, null, null, null, "school/", "room2"), 10);
            MqttLinkTest.awaitOpen(link1);
            MqttLinkTest.awaitOpen(link2);
            MqttLinkTest.awaitSubscriber(pub1, "r1-link");
            MqttLinkTest.awaitSubscriber(pub2, "r2-link");
            MqttLinkTest.awaitSubscriber(link1.node(), "r1-sub");
            MqttLinkTest.awaitSubscriber(link2.node(), "r2-sub");
            MqttProbe wire = room1.track(MqttProbe.connect(broker.port(), "school/#"));
            assertTrue(pub1.peers().stream().noneMatch(p -> p.name().startsWith("r2-")), "the rooms do not meet");

            for (int i = 0; i < ACKED; i++) {
                pub1.publish("room1/motor", Values.of(i), Qos.QOS_ACKED);
                pub2.publish("room2/light", Values.of(1000 + i), Qos.QOS_ACKED);
                Thread.sleep(5);
            }
            for (int i = 0; i < LATEST; i++) {
                pub1.publish("room1/knob", Values.of(i), Qos.QOS_LATEST);
                pub2.publish("room2/dial", Values.of(i), Qos.QOS_LATEST);
                Thread.sleep(20); // under the way down's brake (50/s per topic, as the bridge's)
            }
            Loopback.await(() -> last(seen2, "room1/motor") == ACKED - 1 && last(seen1, "room2/light") == 1000 + ACKED - 1
                    && last(seen2, "room1/knob") == LATEST - 1 && last(seen1, "room2/dial") == LATEST - 1, 60_000,
                    "each room to see the other's values: room2 got motor " + values(seen2, "room1/motor") + " knob "
                    + last(seen2, "room1/knob") + "; room1 got light " + values(seen1, "room2/light") + " dial "
                    + last(seen1, "room2/dial") + "; " + link1.link().stats().statusLine() + "; "
                    + link2.link().stats().statusLine());
            Thread.sleep(1500);

            assertEquals(range(0, ACKED), values(seen2, "room1/motor"), "room 2 sees room 1's acked values once each");
            assertEquals(range(1000, ACKED), values(seen1, "room2/light"), "room 1 sees room 2's acked values once each");
            assertIncreasing(values(seen2, "room1/knob"), "room 1's latest values in room 2");
            assertIncreasing(values(seen1, "room2/dial"), "room 2's latest values in room 1");
            assertTrue(seen2.stream().filter(m -> m.topic().startsWith("room1/")).allMatch(Message::fromChannel));
            assertEquals(range(0, ACKED), values(seen1, "room1/motor"), "room 1's own values, never back from MQTT");
            assertFalse(seen1.stream().anyMatch(m -> m.topic().startsWith("room1/") && m.fromChannel()), "no echo");
            assertFalse(seen2.stream().anyMatch(m -> m.topic().startsWith("room2/") && m.fromChannel()), "no echo");
            for (String topic : List.of("room1/motor", "room2/light", "room1/knob", "room2/dial")) {
                List<Integer> onWire = wire.payloads("school/" + topic).stream().map(Integer::valueOf).toList();
                assertIncreasing(onWire, topic + " on the broker, once each (nothing circulates)");
            }
            assertEquals(ACKED, wire.payloads("school/room1/motor").size());
            assertEquals(ACKED, wire.payloads("school/room2/light").size());
            assertFalse(link1.link().stats().dropped().containsKey("rate_limited"), link1.link().stats().statusLine());
            assertFalse(link2.link().stats().dropped().containsKey("rate_limited"), link2.link().stats().statusLine());
            System.out.println("[federation] room1 " + link1.link().stats().statusLine());
            System.out.println("[federation] room2 " + link2.link().stats().statusLine());
        }
    }

    private static long last(List<Message> seen, String topic) {
        List<Integer> v = values(seen, topic);
        return v.isEmpty() ? -1 : v.get(v.size() - 1);
    }

    private static List<Integer> values(List<Message> seen, String topic) {
        return seen.stream().filter(m -> m.topic().equals(topic)).map(m -> (int) m.value().getInteger())
                .collect(Collectors.toList());
    }

    private static List<Integer> range(int from, int n) {
        return IntStream.range(from, from + n).boxed().toList();
    }

    private static void assertIncreasing(List<Integer> v, String what) {
        for (int i = 1; i < v.size(); i++) {
            assertTrue(v.get(i) > v.get(i - 1), what + ": not strictly increasing at " + i + ": " + v);
        }
    }
}
