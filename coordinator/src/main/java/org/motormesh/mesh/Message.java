package org.motormesh.mesh;

import org.motormesh.proto.v1.Qos;
import org.motormesh.proto.v1.Value;

/** One delivered publish, as a subscriber's handler sees it. */
public record Message(String topic, Value value, String senderId, String senderName, Qos qos, boolean fromChannel) {
}
