package org.motormesh.pubsub;

import java.util.HashMap;
import java.util.Map;

/**
 * QoS 0 ordering: passes a value only if its message id is above the newest already delivered for the same sender
 * and topic, so late, duplicated and repeated values are never delivered. Bounded: forgets a sender's topics when it
 * restarts or leaves. Not thread safe.
 */
public final class LatestValueGate {
    private static final int MAX_TOPICS_PER_SENDER = 4096;
    private final Map<String, Map<String, Long>> newestBySender = new HashMap<>();

    /** True and remembered when {@code messageId} is newer than the last value of this sender and topic. */
    public boolean pass(String senderId, String topic, long messageId) {
        Map<String, Long> topics = newestBySender.computeIfAbsent(senderId, s -> new HashMap<>());
        Long newest = topics.get(topic);
        if (newest != null && messageId <= newest) {
            return false;
        }
        if (newest == null && topics.size() >= MAX_TOPICS_PER_SENDER) {
            topics.clear();
        }
        topics.put(topic, messageId);
        return true;
    }

    public void forget(String senderId) {
        newestBySender.remove(senderId);
    }
}
