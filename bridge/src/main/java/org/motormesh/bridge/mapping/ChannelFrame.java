package org.motormesh.bridge.mapping;

import org.motormesh.proto.v1.Value;

/**
 * One decoded channel frame: a welcome, a message (topic and value), or a drop with its reason.
 *
 * @param kind what the frame is
 * @param clientId the server-assigned id (welcome: ours; data: the sender's), or "" when absent
 * @param topic the message topic (messages only)
 * @param value the message value (messages only)
 * @param payload the message as compact JSON text {@code {"topic":..,"value":..}} as the sender sent it (messages only)
 * @param drop why the frame was dropped (drops only)
 */
public record ChannelFrame(Kind kind, String clientId, String topic, Value value, String payload, ChannelDrop drop) {

    /** What a frame turned out to be. */
    public enum Kind { WELCOME, MESSAGE, DROPPED }

    static ChannelFrame welcome(String clientId) {
        return new ChannelFrame(Kind.WELCOME, clientId, "", null, "", null);
    }

    static ChannelFrame message(String clientId, String topic, Value value, String payload) {
        return new ChannelFrame(Kind.MESSAGE, clientId, topic, value, payload, null);
    }

    static ChannelFrame dropped(ChannelDrop drop) {
        return new ChannelFrame(Kind.DROPPED, "", "", null, "", drop);
    }

    /** True for a message that carries a topic and a value. */
    public boolean isMessage() {
        return kind == Kind.MESSAGE;
    }
}
