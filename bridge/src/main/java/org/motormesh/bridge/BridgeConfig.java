package org.motormesh.bridge;

import org.motormesh.bridge.election.BridgeElection;
import org.motormesh.bridge.link.LinkConfig;
import org.motormesh.bridge.mapping.TopicRules;
import org.motormesh.bridge.outbox.OutboxConfig;

/**
 * Every setting of one bridge, validated by its parts' records.
 *
 * @param link the channel link
 * @param outbox the way up: FIFO capacity and per-topic rate
 * @param rules which topics cross, and renames
 * @param settleMs how long a new bridge listens for rivals before claiming the link
 * @param downPerTopicPerS the brake on the way down: messages a second per channel client and topic (0: none);
 *                         each client may send four times that over all its topics
 */
public record BridgeConfig(LinkConfig link, OutboxConfig outbox, TopicRules rules, long settleMs,
                           int downPerTopicPerS) {
    /** The brake on the way down by default: a hub or page posting a sensor sends well under this. */
    public static final int DEFAULT_DOWN_PER_TOPIC_PER_S = 50;

    /** Validates, quoting the bad value. */
    public BridgeConfig {
        if (link == null || outbox == null || rules == null) {
            throw new IllegalArgumentException("link, outbox and rules are required");
        }
        if (settleMs < 0) {
            throw new IllegalArgumentException("settleMs must be >= 0, was " + settleMs);
        }
        if (downPerTopicPerS < 0) {
            throw new IllegalArgumentException("down rate must be >= 0, was " + downPerTopicPerS);
        }
    }

    /** With the default brake on the way down. */
    public BridgeConfig(LinkConfig link, OutboxConfig outbox, TopicRules rules, long settleMs) {
        this(link, outbox, rules, settleMs, DEFAULT_DOWN_PER_TOPIC_PER_S);
    }

    /** The same with another brake on the way down (0: none, as a benchmark wants). */
    public BridgeConfig withDownRate(int perTopicPerS) {
        return new BridgeConfig(link, outbox, rules, settleMs, perTopicPerS);
    }

    /** Defaults for a channel URL: everything crosses, 20 messages/s per topic, 10,000 held. */
    public static BridgeConfig of(LinkConfig link) {
        return new BridgeConfig(link, OutboxConfig.defaults(), TopicRules.all(), BridgeElection.DEFAULT_SETTLE_MS);
    }
}
