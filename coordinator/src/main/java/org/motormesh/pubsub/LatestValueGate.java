package org.motormesh.pubsub;

import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * QoS 0 ordering: passes a value only if its message id is above the newest already delivered for the same sender
 * and topic, so late, duplicated and repeated values are never delivered.
 *
 * <p>Bounded by what the network can make it hold: at most {@link #MAX_ENTRIES} (sender, topic) pairs in all, the
 * least recently passed forgotten first. A sender's message ids count up across all its topics, so forgetting a
 * topic raises that sender's floor to the topic's newest id, and a topic the gate does not know passes only above
 * the floor: a late copy of a forgotten value is still refused (as before eviction), and nothing else of the
 * sender's is reset. A sender's entries go when it restarts or leaves. Not thread safe.
 */
public final class LatestValueGate {
    /** (sender, topic) pairs remembered; about 100 B each. */
    public static final int MAX_ENTRIES = 16_384;

    private record Key(String senderId, String topic) {
    }

    private final LinkedHashMap<Key, Long> newest = new LinkedHashMap<>(256, 0.75f, true);
    private final Map<String, Long> floorBySender = new HashMap<>();
    private long evicted;

    /** True and remembered when {@code messageId} is newer than the last value of this sender and topic. */
    public boolean pass(String senderId, String topic, long messageId) {
        Key key = new Key(senderId, topic);
        Long known = newest.get(key);
        long floor = known != null ? known : floorBySender.getOrDefault(senderId, 0L);
        if (messageId <= floor) {
            return false;
        }
        newest.put(key, messageId);
        if (newest.size() > MAX_ENTRIES) {
            evictEldest();
        }
        return true;
    }

    private void evictEldest() {
        Iterator<Map.Entry<Key, Long>> eldest = newest.entrySet().iterator();
        Map.Entry<Key, Long> entry = eldest.next();
        floorBySender.merge(entry.getKey().senderId(), entry.getValue(), Math::max);
        eldest.remove();
        evicted++;
    }

    /** Forgets a sender (it left or restarted: its message ids start over). */
    public void forget(String senderId) {
        newest.keySet().removeIf(key -> key.senderId().equals(senderId));
        floorBySender.remove(senderId);
    }

    /** Pairs remembered now. */
    public int size() {
        return newest.size();
    }

    /** Pairs forgotten because the table was full. */
    public long evicted() {
        return evicted;
    }
}
