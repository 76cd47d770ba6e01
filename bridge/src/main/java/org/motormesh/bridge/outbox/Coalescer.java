package org.motormesh.bridge.outbox;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.function.Consumer;

/**
 * Limits each topic to a rate toward the channel. A QoS 0 message arriving too soon waits as the topic's
 * pending value, replaced by newer ones (the replaced are counted as coalesced) and released when the
 * topic's interval has passed, so the latest value always arrives. QoS 1 messages always pass at once and
 * supersede an older pending value. Not thread safe: owned by the bridge loop; time is passed in.
 */
public final class Coalescer {
    private static final long SWEEP_EVERY_MS = 1000;

    private final long intervalMs;
    private final int maxTopics;
    private final Map<String, TopicSlot> slots = new HashMap<>();
    private final PriorityQueue<TopicSlot> due = new PriorityQueue<>((a, b) -> Long.compare(a.nextMs, b.nextMs));
    private long coalesced;
    private long lastSweepMs;

    private static final class TopicSlot {
        long nextMs;
        Upstream pending;
    }

    /** A coalescer allowing {@code ratePerTopic} messages per second per topic (0 = pass everything). */
    public Coalescer(int ratePerTopic, int maxTopics) {
        this.intervalMs = ratePerTopic == 0 ? 0 : 1000L / ratePerTopic;
        this.maxTopics = maxTopics;
    }

    /** Takes one message: passes it to {@code out} now, or holds it as its topic's pending value. */
    public void offer(Upstream message, long nowMs, Consumer<Upstream> out) {
        if (intervalMs == 0) {
            out.accept(message);
            return;
        }
        TopicSlot slot = slots.get(message.topic());
        if (slot == null) {
            if (slots.size() >= maxTopics) {
                out.accept(message);
                return;
            }
            slot = new TopicSlot();
            slots.put(message.topic(), slot);
        }
        if (message.acked() || (slot.pending == null && nowMs >= slot.nextMs)) {
            if (slot.pending != null) {
                due.remove(slot);
                slot.pending = null;
                coalesced++;
            }
            slot.nextMs = nowMs + intervalMs;
            out.accept(message);
            return;
        }
        if (slot.pending == null) {
            due.add(slot);
        } else {
            coalesced++;
        }
        slot.pending = message;
    }

    /** Releases every pending value whose topic interval has passed, and forgets idle topics now and then. */
    public void poll(long nowMs, Consumer<Upstream> out) {
        while (!due.isEmpty() && due.peek().nextMs <= nowMs) {
            TopicSlot slot = due.poll();
            if (slot.pending != null) {
                out.accept(slot.pending);
                slot.pending = null;
                slot.nextMs = nowMs + intervalMs;
            }
        }
        if (nowMs - lastSweepMs >= SWEEP_EVERY_MS) {
            lastSweepMs = nowMs;
            sweep(nowMs);
        }
    }

    private void sweep(long nowMs) {
        for (Iterator<TopicSlot> it = slots.values().iterator(); it.hasNext(); ) {
            TopicSlot slot = it.next();
            if (slot.pending == null && slot.nextMs <= nowMs) {
                it.remove();
            }
        }
    }

    /** When the next pending value falls due, or {@link Long#MAX_VALUE} when none waits. */
    public long nextDueMs() {
        return due.isEmpty() ? Long.MAX_VALUE : due.peek().nextMs;
    }

    /** Intermediate values skipped so far. */
    public long coalesced() {
        return coalesced;
    }

    /** Topics currently tracked. */
    public int trackedTopics() {
        return slots.size();
    }
}
