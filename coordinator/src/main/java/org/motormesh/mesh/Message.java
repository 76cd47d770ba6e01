package org.motormesh.mesh;

import org.motormesh.proto.v1.Qos;
import org.motormesh.proto.v1.Value;

/**
 * One delivered publish, as a subscriber's handler sees it. {@code senderEpoch} and {@code messageId} name the
 * publish across the mesh (the same on every subscriber's copy, 0 when unknown): a bridge keys its failover
 * shadow by them.
 */
public record Message(String topic, Value value, String senderId, String senderName, Qos qos, boolean fromChannel,
                      long senderEpoch, long messageId) {
    /** A message without a mesh identity (made up locally, as tests do). */
    public Message(String topic, Value value, String senderId, String senderName, Qos qos, boolean fromChannel) {
        this(topic, value, senderId, senderName, qos, fromChannel, 0, 0);
    }
}
