package org.motormesh.dashboard;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.motormesh.mesh.MeshStats;
import org.motormesh.mesh.PeerView;
import org.motormesh.status.StatusReport;

/**
 * Turns the dashboard's peer table, the nodes' status reports and the topic table into the JSON the page
 * draws: {@code nodes}, {@code links} (peer pairs with RTT), {@code flows} (publisher to subscriber, per
 * topic) and {@code topics}. One use per snapshot.
 */
final class SnapshotBuilder {
    /** A topic quiet for longer than this draws no flow arrows. */
    static final long FLOW_IDLE_MS = 2000;

    private final long nowMs;
    private final Map<String, NodeStatus> statuses;
    private final Map<String, JsonObject> nodes = new LinkedHashMap<>();
    private final Map<String, JsonObject> links = new LinkedHashMap<>();

    SnapshotBuilder(long nowMs, Map<String, NodeStatus> statuses) {
        this.nowMs = nowMs;
        this.statuses = statuses;
    }

    JsonObject build(String selfId, String selfName, MeshStats self, Collection<TopicStat> topics) {
        JsonObject me = node(selfId, selfName, "node", json(StatusReport.counters(self)), json(self.dropped()));
        me.addProperty("kind", "dashboard");
        me.addProperty("self", true);
        for (PeerView p : self.peers()) {
            JsonObject n = node(p.nodeId(), p.name(), p.role(), null, null);
            n.addProperty("address", p.address() + ":" + p.port());
            n.add("subscriptions", json(p.subscriptions()));
            link(selfId, p.nodeId(), p.rttMicros());
        }
        statuses.forEach(this::merge);
        JsonObject out = new JsonObject();
        out.addProperty("time_ms", nowMs);
        out.addProperty("self", selfId);
        out.add("nodes", array(nodes.values()));
        out.add("links", array(links.values()));
        out.add("flows", flows(self.peers(), topics));
        out.add("topics", topics(topics));
        return out;
    }

    private JsonObject node(String id, String name, String role, JsonObject counters, JsonObject dropped) {
        JsonObject n = new JsonObject();
        n.addProperty("id", id);
        n.addProperty("name", name);
        n.addProperty("role", role);
        n.addProperty("kind", role);
        n.add("counters", counters == null ? new JsonObject() : counters);
        n.add("dropped", dropped == null ? new JsonObject() : dropped);
        nodes.put(id, n);
        return n;
    }

    /** Adds a live node's own report: its app part, counters, drops and its links with RTT. */
    private void merge(String id, NodeStatus status) {
        JsonObject n = nodes.get(id);
        if (n == null || n.has("self")) {
            return;
        }
        JsonObject r = status.report();
        JsonObject app = status.app();
        n.add("app", app);
        if (app.has("kind")) {
            n.add("kind", app.get("kind"));
        }
        JsonObject c = new JsonObject();
        for (String key : StatusReport.COUNTER_NAMES) {
            if (r.has(key)) {
                c.add(key, r.get(key));
            }
        }
        n.add("counters", c);
        if (r.has("dropped") && r.get("dropped").isJsonObject()) {
            n.add("dropped", r.get("dropped"));
        }
        n.addProperty("status_age_ms", nowMs - status.receivedMs());
        if (r.has("peers") && r.get("peers").isJsonArray()) {
            for (JsonElement e : r.getAsJsonArray("peers")) {
                if (e.isJsonArray() && e.getAsJsonArray().size() == 2) {
                    JsonArray pair = e.getAsJsonArray();
                    link(id, pair.get(0).getAsString(), pair.get(1).getAsLong());
                }
            }
        }
    }

    /** One link per pair; the RTT shown is the mean of what both ends measured. */
    private void link(String a, String b, long rttMicros) {
        String key = a.compareTo(b) < 0 ? a + "|" + b : b + "|" + a;
        JsonObject l = links.get(key);
        if (l == null) {
            l = new JsonObject();
            l.addProperty("a", a.compareTo(b) < 0 ? a : b);
            l.addProperty("b", a.compareTo(b) < 0 ? b : a);
            l.addProperty("rtt_ms", -1.0);
            l.addProperty("samples", 0);
            links.put(key, l);
        }
        if (rttMicros >= 0) {
            int n = l.get("samples").getAsInt();
            double mean = n == 0 ? rttMicros / 1000.0 : (l.get("rtt_ms").getAsDouble() * n + rttMicros / 1000.0) / (n + 1);
            l.addProperty("rtt_ms", Math.round(mean * 100) / 100.0);
            l.addProperty("samples", n + 1);
        }
    }

    private JsonArray flows(List<PeerView> peers, Collection<TopicStat> topics) {
        JsonArray out = new JsonArray();
        for (TopicStat t : topics) {
            if (nowMs - t.lastMs > FLOW_IDLE_MS || !nodes.containsKey(t.senderId)) {
                continue;
            }
            for (PeerView p : peers) {
                // Nodes that take everything (dashboards, sniffers) would draw an arrow from every publisher.
                if (!p.nodeId().equals(t.senderId) && p.subscriptions().stream().anyMatch(t.topic::startsWith)
                        && !p.subscriptions().contains("")) {
                    JsonObject f = new JsonObject();
                    f.addProperty("from", t.senderId);
                    f.addProperty("to", p.nodeId());
                    f.addProperty("topic", t.topic);
                    out.add(f);
                }
            }
        }
        return out;
    }

    private JsonArray topics(Collection<TopicStat> topics) {
        JsonArray out = new JsonArray();
        for (TopicStat t : topics) {
            JsonObject o = new JsonObject();
            o.addProperty("topic", t.topic);
            o.addProperty("value", t.value);
            o.addProperty("from", t.senderName);
            o.addProperty("from_id", t.senderId);
            o.addProperty("from_channel", t.fromChannel);
            o.addProperty("rate", Math.round(t.rate.perSecond(nowMs) * 10) / 10.0);
            o.addProperty("count", t.count);
            o.addProperty("age_ms", nowMs - t.lastMs);
            out.add(o);
        }
        return out;
    }

    private static JsonObject json(Map<String, Long> counts) {
        JsonObject o = new JsonObject();
        counts.forEach(o::addProperty);
        return o;
    }

    private static JsonArray json(List<String> items) {
        JsonArray a = new JsonArray();
        items.forEach(a::add);
        return a;
    }

    private static JsonArray array(Collection<JsonObject> items) {
        JsonArray a = new JsonArray();
        items.forEach(a::add);
        return a;
    }
}
