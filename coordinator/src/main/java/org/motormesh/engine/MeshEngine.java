package org.motormesh.engine;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.motormesh.membership.Peer;
import org.motormesh.membership.PeerTable;
import org.motormesh.mesh.MeshConfig;
import org.motormesh.mesh.MeshListener;
import org.motormesh.mesh.MeshListener.LossCause;
import org.motormesh.mesh.MessageHandler;
import org.motormesh.mesh.PeerView;
import org.motormesh.proto.DropReason;
import org.motormesh.proto.FrameAuthenticator;
import org.motormesh.proto.FrameDecoder;
import org.motormesh.proto.FrameEncoder;
import org.motormesh.proto.v1.Ack;
import org.motormesh.proto.v1.Bye;
import org.motormesh.proto.v1.Frame;
import org.motormesh.proto.v1.Heartbeat;
import org.motormesh.proto.v1.Hello;
import org.motormesh.proto.v1.Qos;
import org.motormesh.proto.v1.Value;

/**
 * The protocol of proto/FRAME.md as a state machine: fed datagrams, discoveries, commands and the time, it keeps
 * the peer table, subscriptions and counters and emits datagrams and events. Not thread safe: owned by the node's
 * event loop, which calls every {@code onXxx} and command method; it imports no I/O library, so tests drive it
 * by hand.
 */
public final class MeshEngine {
    private static final long MAX_SANE_RTT_US = 10_000_000;
    private final MeshConfig config;
    private final long bootEpoch;
    private final PeerTable peers;
    private final PublishSender sender;
    private final PublishReceiver receiver;
    private final Counters counters = new Counters();
    private final FrameWriter writer;
    private final Admission admission;
    private final Greeter greeter;
    private final MeshListener events;
    private long nextHeartbeatMs;

    /**
     * @param output        where datagrams go
     * @param events        membership events (called on the loop)
     * @param handlerErrors where exceptions thrown by subscribers' handlers go
     */
    public MeshEngine(MeshConfig config, long bootEpoch, int boundPort, DatagramSink output, MeshListener events,
                      Consumer<RuntimeException> handlerErrors) {
        this.config = config;
        this.bootEpoch = bootEpoch;
        this.peers = new PeerTable(config.leaseMs());
        FrameAuthenticator signer = config.groupKey() == null ? null : new FrameAuthenticator(config.groupKey());
        FrameAuthenticator verifier = config.groupKey() == null ? null : new FrameAuthenticator(config.groupKey());
        this.writer = new FrameWriter(config.nodeId(), bootEpoch, new FrameEncoder(signer), output, counters);
        this.admission = new Admission(config.nodeId(), new FrameDecoder(verifier), counters);
        this.events = events;
        this.sender = new PublishSender(peers, writer, counters, config.retransmitMinMs(), config.retransmitMaxMs());
        this.receiver = new PublishReceiver(writer, counters, handlerErrors);
        this.greeter = new Greeter(config, boundPort, peers, writer, receiver::prefixes);
    }

    public Counters counters() {
        return counters;
    }

    public long bootEpoch() {
        return bootEpoch;
    }

    // ---- inbound ----

    /** One datagram from the transport; {@code data[0..length)} may be reused after return. */
    public void onDatagram(InetSocketAddress from, byte[] data, int length, long nowUs) {
        counters.received.increment();
        Frame frame = admission.decode(data, length);
        if (frame == null) {
            return;
        }
        Peer peer = peers.get(frame.getSenderId());
        if (peer == null) {
            onFirstContact(from, frame, nowUs);
            return;
        }
        Admission.Verdict verdict = admission.admit(peer, frame);
        if (verdict == Admission.Verdict.DROP) {
            return;
        }
        peer.onHeard(nowUs / 1000, frame.getSentTimeUs(), nowUs);
        if (verdict == Admission.Verdict.ACCEPT_RESTARTED) {
            receiver.forget(peer.nodeId());
            events.onPeerLost(peer.view(), LossCause.RESTARTED);
            events.onPeerJoined(peer.view());
            if (!frame.hasHello()) {
                greeter.contact(from, nowUs);
            }
        }
        dispatch(peer, from, frame, nowUs);
    }

    private void onFirstContact(InetSocketAddress from, Frame frame, long nowUs) {
        if (!frame.hasHello()) {
            counters.drop(DropReason.UNEXPECTED);
            greeter.contact(from, nowUs);
            return;
        }
        Peer peer = new Peer(frame.getSenderId(), from, frame.getBootEpoch());
        peer.replayWindow().accept(frame.getSeq());
        peer.onHeard(nowUs / 1000, frame.getSentTimeUs(), nowUs);
        applyHello(peer, from, frame.getHello());
        peers.add(peer);
        events.onPeerJoined(peer.view());
        greeter.answer(from, frame.getHello(), nowUs);
        if (!frame.getHello().getReplyRequested()) {
            // Our own Hello to it may predate a subscription made since: tell it where we stand now.
            greeter.send(from, false, nowUs);
        }
    }

    private void dispatch(Peer peer, InetSocketAddress from, Frame frame, long nowUs) {
        switch (frame.getBodyCase()) {
            case HELLO -> {
                applyHello(peer, from, frame.getHello());
                greeter.answer(from, frame.getHello(), nowUs);
            }
            case HEARTBEAT -> onHeartbeat(peer, frame.getHeartbeat(), nowUs);
            case PUBLISH -> receiver.onPublish(peer, frame, nowUs);
            case ACK -> onAck(peer, frame.getAck(), nowUs);
            case BYE -> removePeer(peer, LossCause.BYE);
            default -> counters.drop(DropReason.INCOMPLETE);
        }
    }

    private void applyHello(Peer peer, InetSocketAddress from, Hello hello) {
        peer.onHello(from, hello.getName(), hello.getRole(), hello.getSubscriptionsList(), hello.getChannel(),
                hello.getPriority());
    }

    private void onHeartbeat(Peer peer, Heartbeat heartbeat, long nowUs) {
        if (heartbeat.getEchoTimeUs() != 0) {
            sampleRtt(peer, nowUs - heartbeat.getEchoTimeUs() - heartbeat.getEchoDelayUs());
        }
    }

    private void onAck(Peer peer, Ack ack, long nowUs) {
        if (sender.onAck(peer.nodeId(), ack.getMessageId()) && ack.getEchoTimeUs() != 0) {
            sampleRtt(peer, nowUs - ack.getEchoTimeUs());
        }
    }

    private static void sampleRtt(Peer peer, long rttUs) {
        if (rttUs >= 0 && rttUs < MAX_SANE_RTT_US) {
            peer.rtt().onSample(rttUs);
        }
    }

    // ---- discovery and time ----

    /** A peer address learned from mDNS or a seed; contacted unless already live. */
    public void onPeerFound(InetSocketAddress address, String nodeIdOrNull, long nowUs) {
        greeter.onFound(address, nodeIdOrNull, nowUs);
    }

    /** Expires leases, retransmits what is due, sends heartbeats when their time has come, re-contacts seeds. */
    public void onTick(long nowUs) {
        long nowMs = nowUs / 1000;
        for (Peer lost : peers.expire(nowMs)) {
            forgetPeer(lost);
            events.onPeerLost(lost.view(), LossCause.LEASE_EXPIRED);
        }
        boolean heartbeatTick = nowMs >= nextHeartbeatMs;
        sender.onTick(nowUs, heartbeatTick, config.heartbeatMs());
        if (heartbeatTick) {
            nextHeartbeatMs = nowMs + config.heartbeatMs();
            for (Peer peer : peers.all()) {
                long echo = peer.lastTheirSentUs();
                long delay = echo == 0 ? 0 : nowUs - peer.lastTheirSentHeardUs();
                writer.send(peer.address(), Frame.newBuilder().setHeartbeat(Heartbeat.newBuilder()
                        .setEchoTimeUs(echo).setEchoDelayUs(delay)), nowUs);
            }
            for (InetSocketAddress seed : config.seedPeers()) {
                greeter.onFound(seed, null, nowUs);
            }
        }
    }

    // ---- commands ----

    /** Sends to every live peer whose subscriptions match; returns how many peers it went to. */
    public int publish(String topic, Value value, Qos qos, boolean fromChannel, long nowUs) {
        return sender.publish(topic, value, qos, fromChannel, nowUs);
    }

    public void subscribe(String prefix, MessageHandler handler, long nowUs) {
        if (receiver.subscribe(prefix, handler)) {
            greeter.announce(nowUs);
        }
    }

    public void unsubscribe(String prefix, MessageHandler handler, long nowUs) {
        if (receiver.unsubscribe(prefix, handler)) {
            greeter.announce(nowUs);
        }
    }

    /** Says Bye to every live peer (clean shutdown). */
    public void sayBye(long nowUs) {
        for (Peer peer : peers.all()) {
            writer.send(peer.address(), Frame.newBuilder().setBye(Bye.getDefaultInstance()), nowUs);
        }
    }

    public List<PeerView> peers() {
        List<PeerView> views = new ArrayList<>(peers.size());
        for (Peer peer : peers.all()) {
            views.add(peer.view());
        }
        return views;
    }

    /** QoS 1 sends not yet acknowledged. */
    public int unacknowledged() {
        return sender.unacknowledged();
    }

    private void removePeer(Peer peer, LossCause cause) {
        peers.remove(peer.nodeId());
        forgetPeer(peer);
        events.onPeerLost(peer.view(), cause);
    }

    private void forgetPeer(Peer peer) {
        receiver.forget(peer.nodeId());
        sender.forget(peer.nodeId());
    }
}
