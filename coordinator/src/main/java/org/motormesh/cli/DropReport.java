package org.motormesh.cli;

import java.util.HashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Turns growth in the drop counters into one readable line with a hint, for the long-running verbs: a teacher
 * sees "wrong group key?" instead of silence. Not thread safe: called from one timer thread.
 */
final class DropReport {
    private static final Map<String, String> HINTS = Map.of(
            "BAD_TAG", "a node with a different group key?",
            "UNSIGNED", "a node without the group key is talking to us",
            "UNEXPECTED_TAG", "a node uses a group key and this one has none",
            "BAD_VERSION", "a node speaks another protocol version",
            "STALE_EPOCH", "old frames from a restarted node",
            "REPLAYED", "duplicated or replayed frames",
            "MISDIRECTED", "frames addressed to another node: replayed, or a protocol v2 node");
    private Map<String, Long> last = new HashMap<>();

    /** The line to log for what was dropped since the previous call, or null when nothing was. */
    String since(Map<String, Long> now, long seconds) {
        StringJoiner parts = new StringJoiner(", ");
        for (Map.Entry<String, Long> e : now.entrySet()) {
            long delta = e.getValue() - last.getOrDefault(e.getKey(), 0L);
            if (delta > 0) {
                String hint = HINTS.get(e.getKey());
                parts.add(delta + " " + e.getKey() + (hint == null ? "" : " (" + hint + ")"));
            }
        }
        last = new HashMap<>(now);
        return parts.length() == 0 ? null : "dropped in the last " + seconds + " s: " + parts;
    }
}
