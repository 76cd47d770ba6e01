package org.motormesh.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The topic mapping, the down subscriptions, the echo memory's bounds and the link's election target. */
class TopicMapTest {
    @Test
    void shouldMapBothWaysUnderThePrefix() {
        TopicMap map = new TopicMap("school");
        assertEquals("school/", map.prefix());
        assertEquals("school//SM/motor-1/angle", map.mqttTopic("/SM/motor-1/angle"));
        assertEquals("/SM/motor-1/angle", map.meshTopic("school//SM/motor-1/angle"));
        assertNull(map.meshTopic("other/x"));
        assertNull(map.meshTopic("school/"));
        assertNull(map.mqttTopic("a/+/b"), "a mesh topic with a wildcard has no MQTT name");
        assertNull(map.mqttTopic("a/#"));
        assertThrows(IllegalArgumentException.class, () -> new TopicMap("a/#"));
        assertThrows(IllegalArgumentException.class, () -> new TopicMap("$SYS/"));
    }

    @Test
    void shouldSubscribeToTheNarrowestFiltersWithoutOverlap() {
        TopicMap map = new TopicMap("school/");
        assertEquals(List.of("school/#"), map.filters(List.of("")));
        assertEquals(List.of("school/room14/#"), map.filters(List.of("room14/", "room14/motors/")));
        assertEquals(List.of("school/#"), map.filters(List.of("room1", "room14/")), "room1 is a prefix of room14/");
        assertEquals(List.of("school/a/#", "school/b/#"), map.filters(List.of("b/x", "a/")));
        assertEquals(List.of("#"), new TopicMap("").filters(List.of("")));
    }

    @Test
    void shouldRecogniseOwnEchoesOnceAndStayBounded() {
        EchoMemory echoes = new EchoMemory();
        echoes.sent("t", "1");
        echoes.sent("t", "2");
        assertTrue(echoes.isEcho("t", "2"));
        assertFalse(echoes.isEcho("t", "2"), "forgotten once matched: the same value from elsewhere comes down");
        assertFalse(echoes.isEcho("u", "1"));
        for (int i = 0; i < EchoMemory.PER_TOPIC + 10; i++) {
            echoes.sent("t", "v" + i);
        }
        for (int i = 0; i < EchoMemory.MAX_TOPICS + 5; i++) {
            echoes.sent("topic-" + i, "x");
        }
        assertTrue(echoes.evicted() >= 11 + 5, "evictions counted: " + echoes.evicted());
    }

    @Test
    void shouldElectPerBrokerAndPrefixWithoutCredentials() {
        MqttLinkConfig c = MqttLinkConfig.of("pi.local").with(5, "room12", "secret", null, "school", "room12");
        assertEquals("mqtt://pi.local:1883/school/", c.target());
        assertFalse(c.toString().contains("secret"));
        assertEquals("mqtts://b:8883/motormesh/", MqttLinkConfig.of("mqtts://b").target());
        assertThrows(IllegalArgumentException.class, () -> MqttLinkConfig.of("mqtt://u:p@b"));
    }
}
