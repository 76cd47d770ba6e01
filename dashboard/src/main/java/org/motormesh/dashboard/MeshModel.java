package org.motormesh.dashboard;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.motormesh.mesh.MeshStats;
import org.motormesh.mesh.Message;
import org.motormesh.proto.v1.Value;
import org.motormesh.status.StatusPublisher;

/**
 * What the dashboard knows: the latest status report of each node and the last value and rate of each topic.
 * Bounded (topics past the cap evict the quietest). Not thread safe: owned by the dashboard loop, which hands
 * it every delivered message; time is passed in.
 */
final class MeshModel {
    private final long statusTimeoutMs;
    private final int maxTopics;
    private final Map<String, NodeStatus> statuses = new HashMap<>();
    private final Map<String, TopicStat> topics = new TreeMap<>();
    private long badStatus;

    MeshModel(long statusTimeoutMs, int maxTopics) {
        this.statusTimeoutMs = statusTimeoutMs;
        this.maxTopics = maxTopics;
    }

    void onMessage(Message m, long nowMs) {
        if (StatusPublisher.isStatus(m.topic())) {
            onStatus(m, nowMs);
            return;
        }
        TopicStat t = topics.get(m.topic());
        if (t == null) {
            if (topics.size() >= maxTopics) {
                topics.values().stream().min(Comparator.comparingLong(s -> s.lastMs))
                        .ifPresent(quietest -> topics.remove(quietest.topic));
            }
            t = new TopicStat(m.topic());
            topics.put(m.topic(), t);
        }
        t.onMessage(m, nowMs);
    }

    private void onStatus(Message m, long nowMs) {
        if (m.value().getKindCase() != Value.KindCase.JSON) {
            badStatus++;
            return;
        }
        try {
            JsonElement report = JsonParser.parseString(m.value().getJson());
            if (report.isJsonObject()) {
                statuses.put(m.senderId(), new NodeStatus(report.getAsJsonObject(), nowMs));
                return;
            }
        } catch (JsonParseException e) {
            // counted below
        }
        badStatus++;
    }

    /** Status reports that were not a JSON object, since start. */
    long badStatus() {
        return badStatus;
    }

    /** The snapshot the page draws, with the dashboard node itself as {@code self}. */
    JsonObject snapshot(long nowMs, String selfId, String selfName, MeshStats self) {
        statuses.values().removeIf(s -> nowMs - s.receivedMs() > statusTimeoutMs);
        return new SnapshotBuilder(nowMs, statuses).build(selfId, selfName, self, topics.values());
    }
}
