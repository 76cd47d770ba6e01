package org.motormesh.bridge.outbox;

/**
 * One message bound for the channel.
 *
 * @param topic the channel topic (coalescing key)
 * @param text the frame text to send
 * @param acked QoS 1: never coalesced away
 * @param key the publish's mesh identity ({@code sender/epoch/messageId}) for a QoS 1 message, else null: what the
 *            bridges' failover shadow is keyed by
 */
public record Upstream(String topic, String text, boolean acked, String key) {
    /** A message without a failover key (QoS 0, or a test's). */
    public Upstream(String topic, String text, boolean acked) {
        this(topic, text, acked, null);
    }

    /** The failover key of a mesh publish. */
    public static String key(String senderId, long senderEpoch, long messageId) {
        return senderId + "/" + senderEpoch + "/" + messageId;
    }
}
