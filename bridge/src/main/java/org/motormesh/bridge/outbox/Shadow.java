package org.motormesh.bridge.outbox;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A standby bridge's copy of the QoS 1 messages it acknowledged but did not send: each is dropped once the active
 * bridge says the channel has taken it, and what is left goes up when this bridge takes over, in arrival order.
 * So a message acknowledged to a publisher by any bridge is sent upstream by one of them. A key said taken before
 * its copy arrived (the copy was late) is remembered, so the copy is not held. Both tables are bounded; past them
 * the oldest is dropped and counted. Not thread safe: owned by the bridge loop.
 */
public final class Shadow {
    private final int capacity;
    private final int takenCapacity;
    private final Map<String, Upstream> held = new LinkedHashMap<>();
    private final Set<String> taken = new LinkedHashSet<>();
    private long overflow;
    private long trimmed;
    private long takenEvicted;

    /** Holds at most {@code capacity} messages and remembers at most {@code takenCapacity} taken keys. */
    public Shadow(int capacity, int takenCapacity) {
        if (capacity < 1 || takenCapacity < 1) {
            throw new IllegalArgumentException("capacities must be >= 1, were " + capacity + " and " + takenCapacity);
        }
        this.capacity = capacity;
        this.takenCapacity = takenCapacity;
    }

    /** Holds a keyed QoS 1 message unless the active bridge already said it was taken; false when not held. */
    public boolean hold(Upstream message) {
        if (message.key() == null || taken.contains(message.key()) || held.containsKey(message.key())) {
            return false;
        }
        if (held.size() == capacity) {
            Iterator<String> eldest = held.keySet().iterator();
            eldest.next();
            eldest.remove();
            overflow++;
        }
        held.put(message.key(), message);
        return true;
    }

    /** The active bridge says the channel took {@code key}: drop the copy (or refuse it when it comes later). */
    public void taken(String key) {
        if (held.remove(key) != null) {
            trimmed++;
        }
        if (taken.remove(key) || taken.size() < takenCapacity) {
            taken.add(key);
            return;
        }
        Iterator<String> eldest = taken.iterator();
        eldest.next();
        eldest.remove();
        takenEvicted++;
        taken.add(key);
    }

    /** Taking over: hands every held message to {@code out}, oldest first, and empties the shadow. */
    public int release(Consumer<Upstream> out) {
        int n = held.size();
        held.values().forEach(out);
        held.clear();
        return n;
    }

    /** Messages held now. */
    public int size() {
        return held.size();
    }

    /** Messages dropped because the shadow was full (lost if this bridge takes over). */
    public long overflow() {
        return overflow;
    }

    /** Copies dropped because the active bridge had sent them. */
    public long trimmed() {
        return trimmed;
    }

    /** Taken keys forgotten to stay bounded (a copy arriving later than that would be held, then duplicated). */
    public long takenEvicted() {
        return takenEvicted;
    }
}
