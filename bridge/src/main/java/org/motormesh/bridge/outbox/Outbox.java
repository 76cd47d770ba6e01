package org.motormesh.bridge.outbox;

import java.util.ArrayDeque;
import java.util.List;

/**
 * Bounded FIFO of messages waiting for the link: in order, and past capacity the oldest is dropped and
 * counted. Not thread safe: owned by the bridge loop.
 */
public final class Outbox {
    private final int capacity;
    private final ArrayDeque<Upstream> queue = new ArrayDeque<>();
    private long dropped;

    /** A FIFO holding at most {@code capacity} messages. */
    public Outbox(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1, was " + capacity);
        }
        this.capacity = capacity;
    }

    /** Appends, dropping the oldest when full. */
    public void offer(Upstream message) {
        if (queue.size() == capacity) {
            queue.pollFirst();
            dropped++;
        }
        queue.addLast(message);
    }

    /**
     * Puts messages back at the head, in the given order (a link that took them could not deliver them); past
     * capacity the oldest are dropped and counted.
     */
    public void offerFirst(List<Upstream> messages) {
        for (int i = messages.size() - 1; i >= 0; i--) {
            queue.addFirst(messages.get(i));
        }
        while (queue.size() > capacity) {
            queue.pollFirst();
            dropped++;
        }
    }

    /** The oldest message, still queued; null when empty. */
    public Upstream peek() {
        return queue.peekFirst();
    }

    /** Removes the oldest message (after it was sent). */
    public void remove() {
        queue.pollFirst();
    }

    /** Drops everything queued without counting it as overflow; returns how many. */
    public int clear() {
        int n = queue.size();
        queue.clear();
        return n;
    }

    /** Messages waiting. */
    public int size() {
        return queue.size();
    }

    /** Messages dropped because the FIFO was full. */
    public long dropped() {
        return dropped;
    }
}
