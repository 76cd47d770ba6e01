package org.motormesh.node;

/** Delivery guarantee of one publish. */
public enum Qos {
    /** Latest value wins: may be skipped or lost, never delivered older-after-newer. */
    LATEST,
    /** Acknowledged: retransmitted until acked, delivered once to every live subscriber. */
    ACKED;

    public org.motormesh.proto.v1.Qos toWire() {
        return this == ACKED ? org.motormesh.proto.v1.Qos.QOS_ACKED : org.motormesh.proto.v1.Qos.QOS_LATEST;
    }

    public static Qos fromWire(org.motormesh.proto.v1.Qos qos) {
        return qos == org.motormesh.proto.v1.Qos.QOS_ACKED ? ACKED : LATEST;
    }
}
