package org.motormesh.engine;

import org.motormesh.membership.Peer;
import org.motormesh.membership.PeerTable;
import org.motormesh.proto.v1.Frame;
import org.motormesh.proto.v1.Publish;
import org.motormesh.proto.v1.Qos;
import org.motormesh.proto.v1.Value;
import org.motormesh.pubsub.LatestValueRepeater;
import org.motormesh.pubsub.LatestValues;
import org.motormesh.pubsub.RetransmitQueue;

/**
 * The sending half of pub/sub: unicast to matching subscribers, QoS 1 retransmission until acked, and QoS 0
 * repeats of a quiet topic's last value. Not thread safe: owned by the event loop, like the engine.
 */
final class PublishSender {
    private final PeerTable peers;
    private final FrameWriter writer;
    private final Counters counters;
    private final RetransmitQueue retransmits;
    private final LatestValueRepeater repeater = new LatestValueRepeater();
    private final LatestValues latestValues = new LatestValues();
    private long nextMessageId;

    PublishSender(PeerTable peers, FrameWriter writer, Counters counters, long retransmitMinMs, long retransmitMaxMs) {
        this.peers = peers;
        this.writer = writer;
        this.counters = counters;
        this.retransmits = new RetransmitQueue(retransmitMinMs, retransmitMaxMs);
    }

    int publish(String topic, Value value, Qos qos, boolean fromChannel, long nowUs) {
        Publish publish = Publish.newBuilder().setTopic(topic).setValue(value).setQos(qos)
                .setMessageId(++nextMessageId).setFromChannel(fromChannel).build();
        latestValues.onPublished(publish);
        int sent = sendToSubscribers(publish, nowUs);
        if (qos == Qos.QOS_LATEST && sent > 0) {
            repeater.onPublished(publish, nowUs / 1000);
        }
        return sent;
    }

    private int sendToSubscribers(Publish publish, long nowUs) {
        int sent = 0;
        boolean acked = publish.getQos() == Qos.QOS_ACKED;
        for (Peer peer : peers.all()) {
            if (peer.subscribesTo(publish.getTopic())) {
                writer.send(peer, Frame.newBuilder().setPublish(publish), nowUs);
                peer.setSubscribedToUs(true);
                if (acked) {
                    counters.abandoned.add(retransmits.add(peer.nodeId(), publish, nowUs / 1000));
                }
                sent++;
            }
        }
        return sent;
    }

    /** Retransmits what is due; on heartbeat ticks also repeats quiet topics' last values. */
    void onTick(long nowUs, boolean heartbeatTick, long heartbeatMs) {
        long nowMs = nowUs / 1000;
        for (RetransmitQueue.Pending pending : retransmits.due(nowMs)) {
            Peer peer = peers.get(pending.peerId());
            if (peer != null) {
                writer.send(peer, Frame.newBuilder().setPublish(pending.publish()), nowUs);
                counters.retransmits.increment();
            }
        }
        if (heartbeatTick) {
            for (Publish latestValue : repeater.due(nowMs, heartbeatMs)) {
                sendToSubscribers(latestValue, nowUs);
            }
        }
    }

    /** True when the ack matched an outstanding QoS 1 send. */
    boolean onAck(String peerId, long messageId) {
        return retransmits.ack(peerId, messageId);
    }

    /** Gives up on a lost peer's outstanding sends. */
    void forget(String peerId) {
        counters.abandoned.add(retransmits.forget(peerId));
    }

    /** The last publish of each topic published here (partners, late joiners). */
    LatestValues latestValues() {
        return latestValues;
    }

    int unacknowledged() {
        return retransmits.size();
    }
}
