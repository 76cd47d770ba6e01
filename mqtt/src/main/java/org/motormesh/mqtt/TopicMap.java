package org.motormesh.mqtt;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Mesh topics to MQTT topics and back: MQTT topic = prefix + mesh topic. The prefix is empty or ends with '/'
 * (added when missing) and holds no wildcard. The subscriptions for the down prefixes are the narrowest MQTT filters
 * that cover them (MQTT filters end at a level; the exact prefix is checked when a message arrives), with filters
 * covered by a broader one left out, so a broker never delivers one message twice. Thread safe (immutable).
 */
public final class TopicMap {
    private final String prefix;

    /** A map under {@code prefix} ("" for none). */
    public TopicMap(String prefix) {
        String p = prefix == null ? "" : prefix;
        if (p.indexOf('+') >= 0 || p.indexOf('#') >= 0 || p.indexOf('\u0000') >= 0) {
            throw new IllegalArgumentException("MQTT topic prefix '" + p + "' must not hold + or # (wildcards)");
        }
        if (p.startsWith("$")) {
            throw new IllegalArgumentException("MQTT topic prefix '" + p + "' must not start with $ (broker topics)");
        }
        this.prefix = p.isEmpty() || p.endsWith("/") ? p : p + "/";
    }

    /** The prefix, empty or ending with '/'. */
    public String prefix() {
        return prefix;
    }

    /** The MQTT topic for a mesh topic, or null when it cannot be one (a wildcard, a NUL, empty). */
    public String mqttTopic(String meshTopic) {
        String t = prefix + meshTopic;
        if (t.isEmpty() || t.indexOf('+') >= 0 || t.indexOf('#') >= 0 || t.indexOf('\u0000') >= 0
                || t.length() > 16_000) {
            return null;
        }
        return t;
    }

    /** The mesh topic for an MQTT topic, or null when it is not under the prefix. */
    public String meshTopic(String mqttTopic) {
        return mqttTopic.startsWith(prefix) && mqttTopic.length() > prefix.length()
                ? mqttTopic.substring(prefix.length()) : null;
    }

    /** The subscriptions that cover the mesh-side {@code downPrefixes}. */
    public List<String> filters(List<String> downPrefixes) {
        TreeSet<String> bases = new TreeSet<>();
        for (String d : downPrefixes) {
            String full = prefix + d;
            bases.add(full.substring(0, full.lastIndexOf('/') + 1));
        }
        List<String> filters = new ArrayList<>();
        String covering = null;
        for (String base : bases) {
            if (covering != null && base.startsWith(covering)) {
                continue;
            }
            covering = base;
            filters.add(base + "#");
        }
        return filters;
    }
}
