package org.motormesh.bridge.outbox;

/**
 * Settings of the way up, validated once.
 *
 * @param capacity messages held while the link is down; past it the oldest are dropped and counted
 * @param ratePerTopic messages per second per topic toward the channel; 0 turns coalescing off
 * @param maxTopics topics whose rate is tracked at once; messages on further topics pass uncoalesced
 */
public record OutboxConfig(int capacity, int ratePerTopic, int maxTopics) {
    /** Holds a classroom burst through a reconnect of a few seconds. */
    public static final int DEFAULT_CAPACITY = 10_000;
    /** What the shared hosted relay tolerates per topic. */
    public static final int DEFAULT_RATE_PER_TOPIC = 20;
    /** Far more topics than a classroom uses; bounds the coalescer's memory. */
    public static final int DEFAULT_MAX_TOPICS = 10_000;

    /** Validates, quoting the bad value. */
    public OutboxConfig {
        if (capacity < 1) {
            throw new IllegalArgumentException("outbox capacity must be >= 1, was " + capacity);
        }
        if (ratePerTopic < 0 || ratePerTopic > 1000) {
            throw new IllegalArgumentException("rate must be 0 (off) to 1000 per topic per second, was " + ratePerTopic);
        }
        if (maxTopics < 1) {
            throw new IllegalArgumentException("maxTopics must be >= 1, was " + maxTopics);
        }
    }

    /** The defaults. */
    public static OutboxConfig defaults() {
        return new OutboxConfig(DEFAULT_CAPACITY, DEFAULT_RATE_PER_TOPIC, DEFAULT_MAX_TOPICS);
    }

    /** The same settings with another per-topic rate (0 = off). */
    public OutboxConfig withRate(int rate) {
        return new OutboxConfig(capacity, rate, maxTopics);
    }
}
