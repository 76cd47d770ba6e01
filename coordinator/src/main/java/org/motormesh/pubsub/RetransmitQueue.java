package org.motormesh.pubsub;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.motormesh.proto.v1.Publish;

/**
 * QoS 1 publishes awaiting an Ack, per peer, with doubling back-off between retransmissions.
 * Time is passed in. Not thread safe: owned by the event loop.
 */
public final class RetransmitQueue {
    /** One unacknowledged publish to one peer. */
    public static final class Pending {
        private final String peerId;
        private final Publish publish;
        private long dueMs;
        private long intervalMs;
        private int attempts;

        Pending(String peerId, Publish publish, long dueMs, long intervalMs) {
            this.peerId = peerId;
            this.publish = publish;
            this.dueMs = dueMs;
            this.intervalMs = intervalMs;
        }

        public String peerId() {
            return peerId;
        }

        public Publish publish() {
            return publish;
        }

        public int attempts() {
            return attempts;
        }
    }

    /** Most unacknowledged sends held at once, over all peers. */
    public static final int MAX_PENDING = 10_000;
    private final Map<String, Pending> pending = new LinkedHashMap<>();
    private final long minMs;
    private final long maxMs;

    public RetransmitQueue(long minMs, long maxMs) {
        this.minMs = minMs;
        this.maxMs = maxMs;
    }

    /**
     * Starts retransmitting {@code publish} to a peer until acked. Bounded: past {@link #MAX_PENDING} the oldest
     * outstanding send is given up.
     *
     * @return how many older sends were given up to make room (0 or 1)
     */
    public int add(String peerId, Publish publish, long nowMs) {
        int abandoned = 0;
        if (pending.size() >= MAX_PENDING) {
            Iterator<Pending> eldest = pending.values().iterator();
            eldest.next();
            eldest.remove();
            abandoned = 1;
        }
        pending.put(key(peerId, publish.getMessageId()), new Pending(peerId, publish, nowMs + minMs, minMs));
        return abandoned;
    }

    /** Returns true if the ack matched an outstanding publish. */
    public boolean ack(String peerId, long messageId) {
        return pending.remove(key(peerId, messageId)) != null;
    }

    /** Drops everything outstanding for a lost peer; returns how many were abandoned. */
    public int forget(String peerId) {
        int removed = 0;
        for (Iterator<Pending> it = pending.values().iterator(); it.hasNext(); ) {
            if (it.next().peerId.equals(peerId)) {
                it.remove();
                removed++;
            }
        }
        return removed;
    }

    /** The publishes due for retransmission now; each is rescheduled with a doubled interval (capped). */
    public List<Pending> due(long nowMs) {
        List<Pending> due = new ArrayList<>();
        for (Pending p : pending.values()) {
            if (p.dueMs <= nowMs) {
                p.attempts++;
                p.intervalMs = Math.min(maxMs, p.intervalMs * 2);
                p.dueMs = nowMs + p.intervalMs;
                due.add(p);
            }
        }
        return due;
    }

    public int size() {
        return pending.size();
    }

    private static String key(String peerId, long messageId) {
        return peerId + '/' + messageId;
    }
}
