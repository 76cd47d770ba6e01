package org.motormesh.pubsub;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.motormesh.proto.v1.Publish;
import org.motormesh.proto.v1.Qos;

/**
 * The last publish of each topic this node published in this epoch: it tells who is a publishing partner (a peer
 * subscribed to one of these topics), and gives late joiners the current value of each QoS 0 topic at once
 * (proto/FRAME.md, "Current value for late joiners"), as MQTT's retained messages do. Bounded, oldest topic
 * evicted first. Not thread safe: owned by the event loop.
 */
public final class LatestValues {
    /** Topics remembered; past this the least recently published is forgotten. */
    public static final int MAX_TOPICS = 1024;
    /** Values sent to one peer when it is met or its subscriptions change. */
    public static final int MAX_PER_MEETING = 32;

    private final Map<String, Publish> byTopic = new LinkedHashMap<>();
    private long evicted;

    /** Remembers {@code publish} as its topic's latest (most recent last). */
    public void onPublished(Publish publish) {
        byTopic.remove(publish.getTopic());
        byTopic.put(publish.getTopic(), publish);
        if (byTopic.size() > MAX_TOPICS) {
            Iterator<Publish> eldest = byTopic.values().iterator();
            eldest.next();
            eldest.remove();
            evicted++;
        }
    }

    /** True when a topic published here matches one of {@code subscriptions}. */
    public boolean anyMatch(List<String> subscriptions) {
        for (String topic : byTopic.keySet()) {
            if (matches(subscriptions, topic)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The QoS 0 values to send a peer whose subscriptions went from {@code before} to {@code after}: topics that
     * match now and did not before, most recent first, at most {@link #MAX_PER_MEETING}.
     */
    public List<Publish> newlyMatching(List<String> before, List<String> after) {
        List<Publish> all = new ArrayList<>(byTopic.values());
        List<Publish> due = new ArrayList<>();
        for (int i = all.size() - 1; i >= 0 && due.size() < MAX_PER_MEETING; i--) {
            Publish publish = all.get(i);
            if (publish.getQos() == Qos.QOS_LATEST && matches(after, publish.getTopic())
                    && !matches(before, publish.getTopic())) {
                due.add(publish);
            }
        }
        return due;
    }

    public int size() {
        return byTopic.size();
    }

    /** Topics forgotten because the table was full. */
    public long evicted() {
        return evicted;
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
