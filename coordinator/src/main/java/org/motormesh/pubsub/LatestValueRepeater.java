package org.motormesh.pubsub;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.motormesh.proto.v1.Publish;

/**
 * Makes QoS 0 converge: after the last publish on a topic, its value is sent again (same message id) on the next
 * few heartbeat ticks, so a lost final value still arrives; receivers' {@link LatestValueGate} drops the copies
 * they already have. Bounded by topic count. Time is passed in. Not thread safe: owned by the event loop.
 */
public final class LatestValueRepeater {
    /** Repeats after the last publish on a topic. */
    public static final int REPEATS = 3;
    private static final int MAX_TOPICS = 1024;

    private static final class Entry {
        Publish latest;
        long lastSentMs;
        int repeatsLeft;
    }

    private final Map<String, Entry> byTopic = new LinkedHashMap<>(16, 0.75f, true);

    public void onPublished(Publish publish, long nowMs) {
        Entry entry = byTopic.computeIfAbsent(publish.getTopic(), t -> new Entry());
        entry.latest = publish;
        entry.lastSentMs = nowMs;
        entry.repeatsLeft = REPEATS;
        if (byTopic.size() > MAX_TOPICS) {
            Iterator<Entry> eldest = byTopic.values().iterator();
            eldest.next();
            eldest.remove();
        }
    }

    /** The values to send again now (to the topic's live subscribers): topics quiet for {@code quietMs}. */
    public List<Publish> due(long nowMs, long quietMs) {
        List<Publish> due = new ArrayList<>();
        for (Iterator<Entry> it = byTopic.values().iterator(); it.hasNext(); ) {
            Entry entry = it.next();
            if (nowMs - entry.lastSentMs >= quietMs) {
                due.add(entry.latest);
                entry.lastSentMs = nowMs;
                if (--entry.repeatsLeft == 0) {
                    it.remove();
                }
            }
        }
        return due;
    }
}
