package org.motormesh.engine;

import java.util.List;
import java.util.function.Consumer;
import org.motormesh.membership.Peer;
import org.motormesh.mesh.Message;
import org.motormesh.mesh.MessageHandler;
import org.motormesh.proto.v1.Ack;
import org.motormesh.proto.v1.Frame;
import org.motormesh.proto.v1.Publish;
import org.motormesh.proto.v1.Qos;
import org.motormesh.pubsub.LatestValueGate;
import org.motormesh.pubsub.LocalSubscriptions;

/**
 * The receiving half of pub/sub: acks and de-duplicates QoS 1, gates QoS 0 to newer values only, and hands each
 * message to the local handlers whose prefix matches. Not thread safe: owned by the event loop.
 */
final class PublishReceiver {
    private final LocalSubscriptions subscriptions = new LocalSubscriptions();
    private final LatestValueGate latest = new LatestValueGate();
    private final FrameWriter writer;
    private final Counters counters;
    private final Consumer<RuntimeException> handlerErrors;

    PublishReceiver(FrameWriter writer, Counters counters, Consumer<RuntimeException> handlerErrors) {
        this.writer = writer;
        this.counters = counters;
        this.handlerErrors = handlerErrors;
    }

    void onPublish(Peer peer, Frame frame, long nowUs) {
        Publish publish = frame.getPublish();
        // an unknown qos number counts as latest-value
        Qos qos = publish.getQos() == Qos.QOS_ACKED ? Qos.QOS_ACKED : Qos.QOS_LATEST;
        if (qos == Qos.QOS_ACKED) {
            writer.send(peer.address(), peer.nodeId(), Frame.newBuilder().setAck(Ack.newBuilder()
                    .setMessageId(publish.getMessageId()).setEchoTimeUs(frame.getSentTimeUs())), nowUs);
            if (!peer.deliveredIds().accept(publish.getMessageId())) {
                counters.duplicates.increment();
                return;
            }
        } else if (!latest.pass(peer.nodeId(), publish.getTopic(), publish.getMessageId())) {
            counters.stale.increment();
            return;
        }
        Message message = new Message(publish.getTopic(), publish.getValue(), peer.nodeId(), peer.name(),
                qos, publish.getFromChannel(), peer.bootEpoch(), publish.getMessageId());
        if (subscriptions.deliver(message, handlerErrors) > 0) {
            counters.delivered.increment();
        }
    }

    /** Forgets a peer's latest values (it left or restarted: its message ids start over). */
    void forget(String peerId) {
        latest.forget(peerId);
    }

    /** Returns true when the set of prefixes changed (peers must be told). */
    boolean subscribe(String prefix, MessageHandler handler) {
        return subscriptions.add(prefix, handler);
    }

    boolean unsubscribe(String prefix, MessageHandler handler) {
        return subscriptions.remove(prefix, handler);
    }

    List<String> prefixes() {
        return subscriptions.prefixes();
    }
}
