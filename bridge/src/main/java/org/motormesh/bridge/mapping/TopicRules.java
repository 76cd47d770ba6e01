package org.motormesh.bridge.mapping;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which topics cross the bridge and under what name: mesh topics matching an up prefix go to the channel,
 * channel topics matching a down prefix come to the mesh, and exact renames (mesh=channel) apply both ways,
 * so pages listening on older Smart Motor topics work unchanged. Topics under {@link #MESH_ONLY} (the nodes'
 * status reports for dashboards) never cross, whatever the prefixes. Thread safe (immutable).
 */
public final class TopicRules {
    /** Mesh-internal topics, kept off the channel (and never taken from it). */
    public static final String MESH_ONLY = "$mesh/";
    private final List<String> up;
    private final List<String> down;
    private final Map<String, String> meshToChannel;
    private final Map<String, String> channelToMesh = new HashMap<>();

    /**
     * @param up mesh topic prefixes sent to the channel ({@code ""} means all)
     * @param down channel topic prefixes brought to the mesh ({@code ""} means all)
     * @param renames mesh topic to channel topic, exact names
     */
    public TopicRules(List<String> up, List<String> down, Map<String, String> renames) {
        this.up = List.copyOf(up);
        this.down = List.copyOf(down);
        this.meshToChannel = Map.copyOf(renames);
        for (Map.Entry<String, String> e : renames.entrySet()) {
            String previous = channelToMesh.put(e.getValue(), e.getKey());
            if (previous != null) {
                throw new IllegalArgumentException("channel topic '" + e.getValue() + "' is mapped from both '"
                        + previous + "' and '" + e.getKey() + "'");
            }
        }
    }

    /** Everything crosses, nothing renamed. */
    public static TopicRules all() {
        return new TopicRules(List.of(""), List.of(""), Map.of());
    }

    /**
     * Parses one {@code --map MESH_TOPIC=CHANNEL_TOPIC} rule into the given map.
     *
     * @throws IllegalArgumentException quoting the rule when it has no '=' or an empty side
     */
    public static void parseRename(String rule, Map<String, String> into) {
        int eq = rule.indexOf('=');
        if (eq <= 0 || eq == rule.length() - 1) {
            throw new IllegalArgumentException("--map wants MESH_TOPIC=CHANNEL_TOPIC, got '" + rule + "'");
        }
        into.put(rule.substring(0, eq), rule.substring(eq + 1));
    }

    /** The mesh prefixes to subscribe to. */
    public List<String> upPrefixes() {
        return up;
    }

    /** The channel-side prefixes brought to the mesh. */
    public List<String> downPrefixes() {
        return down;
    }

    /** The channel topic for a mesh topic, or null when it does not go up. */
    public String upTopic(String meshTopic) {
        return matches(up, meshTopic) && !meshTopic.startsWith(MESH_ONLY)
                ? meshToChannel.getOrDefault(meshTopic, meshTopic) : null;
    }

    /** The mesh topic for a channel topic, or null when it does not come down. */
    public String downTopic(String channelTopic) {
        if (!matches(down, channelTopic)) {
            return null;
        }
        String meshTopic = channelToMesh.getOrDefault(channelTopic, channelTopic);
        return meshTopic.startsWith(MESH_ONLY) ? null : meshTopic;
    }

    private static boolean matches(List<String> prefixes, String topic) {
        for (String prefix : prefixes) {
            if (topic.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
