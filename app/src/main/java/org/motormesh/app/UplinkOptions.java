package org.motormesh.app;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.motormesh.bridge.BridgeConfig;
import org.motormesh.bridge.mapping.TopicRules;
import org.motormesh.bridge.outbox.OutboxConfig;
import picocli.CommandLine.Option;

/**
 * The options every elected uplink takes (the channel {@code bridge} and the {@code mqtt} link): which topics cross
 * and under what names, the way up's rate and queue, the way down's brake, the election priority and the status
 * line. One place, so the two verbs cannot drift apart.
 */
final class UplinkOptions {
    @Option(names = "--up", description = "Mesh topic prefix sent up (to the channel or broker); repeatable "
            + "(default: all).")
    List<String> up = new ArrayList<>();

    @Option(names = "--down", description = "Topic prefix (on the channel, or on the broker without PREFIX) brought "
            + "to the mesh; repeatable (default: all).")
    List<String> down = new ArrayList<>();

    @Option(names = "--map", description = "Rename MESH_TOPIC=FAR_TOPIC, both ways (on the broker without PREFIX); "
            + "repeatable.")
    List<String> maps = new ArrayList<>();

    @Option(names = "--rate", defaultValue = "" + OutboxConfig.DEFAULT_RATE_PER_TOPIC,
            description = "Messages/s per topic sent up; 0 turns coalescing off (default ${DEFAULT-VALUE}).")
    int rate;

    @Option(names = "--queue", defaultValue = "" + OutboxConfig.DEFAULT_CAPACITY,
            description = "Messages held, in order, while the far end is unreachable (default ${DEFAULT-VALUE}).")
    int queue;

    @Option(names = "--down-rate", defaultValue = "" + BridgeConfig.DEFAULT_DOWN_PER_TOPIC_PER_S,
            description = "Most messages a second one sender may bring down on one topic (four times that over all "
                    + "its topics); the rest are dropped and counted, so one page cannot flood the mesh. 0 for no "
                    + "limit (default ${DEFAULT-VALUE}).")
    int downRate;

    @Option(names = "--priority", defaultValue = "10",
            description = "Election priority, higher wins (default ${DEFAULT-VALUE}).")
    int priority;

    @Option(names = "--status-every", defaultValue = "2",
            description = "Seconds between status lines; 0 for none (default ${DEFAULT-VALUE}).")
    int statusEvery;

    /** The crossing rules from --up, --down and --map (a clear message for a bad --map). */
    TopicRules rules() {
        Map<String, String> renames = new LinkedHashMap<>();
        maps.forEach(rule -> TopicRules.parseRename(rule, renames));
        return new TopicRules(up.isEmpty() ? List.of("") : up, down.isEmpty() ? List.of("") : down, renames);
    }

    /** The way up's queue and per-topic rate. */
    OutboxConfig outbox() {
        return new OutboxConfig(queue, rate, OutboxConfig.DEFAULT_MAX_TOPICS);
    }

    /** The prefixes for a start-up line: "all" or the list. */
    static String describe(List<String> prefixes) {
        return prefixes.isEmpty() ? "all" : String.join(" ", prefixes);
    }
}
