package org.motormesh.mqtt;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What this link published lately, per MQTT topic, so its own messages coming back are recognised where the protocol
 * cannot say so (MQTT 3.1.1 has no no-local subscription and no user properties). A message that comes back with the
 * same topic and payload as one we sent is our echo, and is forgotten once matched. Bounded: at most
 * {@link #PER_TOPIC} payloads per topic and {@link #MAX_TOPICS} topics (least recently used forgotten, counted).
 * Thread safe (synchronized: written on the link's loop, read on the client's thread).
 */
final class EchoMemory {
    static final int PER_TOPIC = 256;
    static final int MAX_TOPICS = 10_000;

    private final Map<String, ArrayDeque<String>> sent = new LinkedHashMap<>(64, 0.75f, true);
    private long evicted;

    /** We published {@code payload} on {@code topic}. */
    synchronized void sent(String topic, String payload) {
        ArrayDeque<String> q = sent.get(topic);
        if (q == null) {
            if (sent.size() >= MAX_TOPICS) {
                Iterator<ArrayDeque<String>> eldest = sent.values().iterator();
                evicted += eldest.next().size();
                eldest.remove();
            }
            q = new ArrayDeque<>();
            sent.put(topic, q);
        }
        if (q.size() == PER_TOPIC) {
            q.pollFirst();
            evicted++;
        }
        q.addLast(payload);
    }

    /** True (and forgotten) when {@code payload} on {@code topic} is one we sent and had not seen back yet. */
    synchronized boolean isEcho(String topic, String payload) {
        ArrayDeque<String> q = sent.get(topic);
        if (q == null || !q.removeFirstOccurrence(payload)) {
            return false;
        }
        if (q.isEmpty()) {
            sent.remove(topic);
        }
        return true;
    }

    /** Payloads forgotten before they came back (bounds). */
    synchronized long evicted() {
        return evicted;
    }
}
