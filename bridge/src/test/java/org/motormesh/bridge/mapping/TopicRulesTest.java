package org.motormesh.bridge.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TopicRulesTest {
    @Test
    void shouldPassEverythingByDefault() {
        TopicRules rules = TopicRules.all();
        assertEquals("/SM/accel", rules.upTopic("/SM/accel"));
        assertEquals("/LEGO", rules.downTopic("/LEGO"));
    }

    @Test
    void shouldFilterByPrefixEachWay() {
        TopicRules rules = new TopicRules(List.of("/SM"), List.of("/controller", "/te"), Map.of());
        assertEquals("/SM/servo", rules.upTopic("/SM/servo"));
        assertNull(rules.upTopic("/other"));
        assertEquals("/te/light", rules.downTopic("/te/light"));
        assertNull(rules.downTopic("/LEGO"));
    }

    @Test
    void shouldRenameBothWays() {
        Map<String, String> renames = new HashMap<>();
        TopicRules.parseRename("/motor-1/angle=/controller/data", renames);
        TopicRules.parseRename("/motor-2/angle=/receiver/data", renames);
        TopicRules rules = new TopicRules(List.of(""), List.of(""), renames);
        assertEquals("/controller/data", rules.upTopic("/motor-1/angle"));
        assertEquals("/motor-2/angle", rules.downTopic("/receiver/data"));
        assertEquals("/x", rules.downTopic("/x"));
    }

    @Test
    void shouldKeepMeshStatusTopicsOffTheChannelBothWays() {
        TopicRules rules = TopicRules.all();
        assertNull(rules.upTopic("$mesh/status/motor-1"));
        assertNull(rules.downTopic("$mesh/status/forged"));
        assertEquals("/SM/x", rules.upTopic("/SM/x"));
    }

    @Test
    void shouldRefuseBadRenames() {
        Map<String, String> renames = new HashMap<>();
        assertThrows(IllegalArgumentException.class, () -> TopicRules.parseRename("no-equals", renames));
        assertThrows(IllegalArgumentException.class, () -> TopicRules.parseRename("=/x", renames));
        assertThrows(IllegalArgumentException.class,
                () -> new TopicRules(List.of(""), List.of(""), Map.of("/a", "/c", "/b", "/c")));
    }
}
