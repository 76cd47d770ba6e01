package org.motormesh.bridge.outbox;

/**
 * One message bound for the channel.
 *
 * @param topic the channel topic (coalescing key)
 * @param text the frame text to send
 * @param acked QoS 1: never coalesced away
 */
public record Upstream(String topic, String text, boolean acked) {
}
