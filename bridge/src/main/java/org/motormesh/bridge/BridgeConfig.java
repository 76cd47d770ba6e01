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
 */
public record BridgeConfig(LinkConfig link, OutboxConfig outbox, TopicRules rules, long settleMs) {
    /** Validates, quoting the bad value. */
    public BridgeConfig {
        if (link == null || outbox == null || rules == null) {
            throw new IllegalArgumentException("link, outbox and rules are required");
        }
        if (settleMs < 0) {
            throw new IllegalArgumentException("settleMs must be >= 0, was " + settleMs);
        }
    }

    /** Defaults for a channel URL: everything crosses, 20 messages/s per topic, 10,000 held. */
    public static BridgeConfig of(LinkConfig link) {
        return new BridgeConfig(link, OutboxConfig.defaults(), TopicRules.all(), BridgeElection.DEFAULT_SETTLE_MS);
    }
}
