package org.motormesh.status;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;
import org.motormesh.mesh.Json;
import org.motormesh.mesh.MeshStats;
import org.motormesh.mesh.PeerView;

/**
 * Renders one node's status as compact JSON that fits one frame. The fields (version 1):
 * <pre>
 * {"v":1, "name":"motor-3", "id":"a1b2c3d4e5f6", "role":"motor",
 *  "sent":..., "received":..., "delivered":..., "retransmits":..., "duplicates":..., "stale":..., "abandoned":...,
 *  "dropped":{"BAD_TAG":2},          // inbound datagrams dropped, by reason
 *  "peers":[["b2c3d4e5f6a1", 412]],  // live peers: node id, smoothed RTT in microseconds (-1: none yet)
 *  "peers_left_out":0,               // peers not listed because the report had to fit one frame
 *  "app":{...}}                      // what the application on the node adds (controller angle, bridge link)
 * </pre>
 * A pure function of its arguments, so it is tested without a node.
 */
public final class StatusReport {
    /** Status format version, the {@code v} field. */
    public static final int VERSION = 1;
    /** The node counters a report carries, by field name, in report order. */
    private static final Map<String, ToLongFunction<MeshStats>> COUNTERS = new LinkedHashMap<>();

    static {
        COUNTERS.put("sent", MeshStats::sent);
        COUNTERS.put("received", MeshStats::received);
        COUNTERS.put("delivered", MeshStats::delivered);
        COUNTERS.put("retransmits", MeshStats::retransmits);
        COUNTERS.put("duplicates", MeshStats::duplicates);
        COUNTERS.put("stale", MeshStats::stale);
        COUNTERS.put("abandoned", MeshStats::abandoned);
    }

    /** The counter fields' names, for readers of a report. */
    public static final List<String> COUNTER_NAMES = List.copyOf(COUNTERS.keySet());

    private StatusReport() {
    }

    /** The report, dropping peers from the end until it is at most {@code maxBytes} of UTF-8. */
    public static String render(String name, String id, String role, MeshStats stats, Map<String, ?> app,
                                int maxBytes) {
        List<Object> peers = new ArrayList<>();
        for (PeerView p : stats.peers()) {
            peers.add(List.of(p.nodeId(), p.rttMicros()));
        }
        int total = peers.size();
        while (true) {
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("v", VERSION);
            report.put("name", name);
            report.put("id", id);
            report.put("role", role);
            report.putAll(counters(stats));
            report.put("dropped", stats.dropped());
            report.put("peers", peers);
            report.put("peers_left_out", total - peers.size());
            report.put("app", app);
            String json = Json.write(report);
            if (peers.isEmpty() || utf8Length(json) <= maxBytes) {
                return json;
            }
            peers.remove(peers.size() - 1);
        }
    }

    /** A node's counters under their report field names, in report order. */
    public static Map<String, Long> counters(MeshStats stats) {
        Map<String, Long> out = new LinkedHashMap<>();
        COUNTERS.forEach((name, counter) -> out.put(name, counter.applyAsLong(stats)));
        return out;
    }

    private static int utf8Length(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            n += c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isSurrogate(c) ? 2 : 3;
        }
        return n;
    }
}
