package org.motormesh.engine;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import org.motormesh.membership.Peer;
import org.motormesh.membership.PeerTable;
import org.motormesh.mesh.MeshConfig;
import org.motormesh.mesh.MeshListener;
import org.motormesh.mesh.MeshListener.LossCause;
import org.motormesh.mesh.MessageHandler;
import org.motormesh.mesh.PeerView;
import org.motormesh.mesh.Subnet;
import org.motormesh.proto.DropReason;
import org.motormesh.proto.FrameAuthenticator;
import org.motormesh.proto.FrameDecoder;
import org.motormesh.proto.FrameEncoder;
import org.motormesh.proto.v1.Ack;
import org.motormesh.proto.v1.Bye;
import org.motormesh.proto.v1.Frame;
import org.motormesh.proto.v1.Heartbeat;
import org.motormesh.proto.v1.Hello;
import org.motormesh.proto.v1.Publish;
import org.motormesh.proto.v1.Qos;
import org.motormesh.proto.v1.Value;

/**
 * The protocol of proto/FRAME.md as a state machine: fed datagrams (from the mesh socket and the scout socket),
 * discoveries, commands and the time, it keeps the peer table, subscriptions and counters and emits datagrams and
 * events. Not thread safe: owned by the node's event loop, which calls every {@code onXxx} and command method; it
 * imports no I/O library, so tests drive it by hand.
 */
public final class MeshEngine {
    /** Protocol version carried in Hello and in the TXT record {@code v}. */
    public static final int PROTOCOL_VERSION = 3;
    /** Peers kept; Hellos from more strangers are dropped and counted. */
    public static final int MAX_PEERS = 1024;
    /**
     * Peers kept that have not proved they receive at their address (any of them may be a spoofed source); past
     * this the oldest is evicted and counted, so strangers cannot fill the table.
     */
    public static final int MAX_UNVERIFIED = 128;
    /** The least gap between two probes that ask an unverified peer to prove its address (its byte budget bounds them). */
    private static final long VERIFY_PROBE_GAP_MS = 0;
    /** How often a quiet topic's last QoS 0 value is repeated (three times). */
    static final long REPEAT_MS = 250;
    private static final long MAX_SANE_RTT_US = 10_000_000;
    private static final int ECHO_EVERY_KEEPALIVES = 4;
    /** Bridges watch each other like partners, so a standby takes over within about a second. */
    private static final String BRIDGE_ROLE = "bridge";
    private final MeshConfig config;
    private final long bootEpoch;
    private final PeerTable peers = new PeerTable();
    private final PublishSender sender;
    private final PublishReceiver receiver;
    private final Counters counters = new Counters();
    private final FrameWriter writer;
    private final Admission admission;
    private final Greeter greeter;
    private final Liveness liveness;
    private final PeerSearch search = new PeerSearch();
    private final DepartedPeers departed;
    private final Scout scout;
    private final InetSocketAddress scoutGroup;
    private final InetSocketAddress scoutBroadcast;
    private final MeshListener events;
    private final Subnet subnet;
    private long nextRepeatMs;
    private boolean probingToVerify;

    /**
     * @param output         where datagrams go
     * @param scoutGroup     the scouting group's address, or null when scouting is off
     * @param scoutBroadcast the subnet broadcast address on the scout port (the fallback), or null
     * @param events         membership events (called on the loop)
     * @param handlerErrors  where exceptions thrown by subscribers' handlers go
     * @param random         jitter for beacons and answers
     */
    public MeshEngine(MeshConfig config, long bootEpoch, int boundPort, DatagramSink output,
                      InetSocketAddress scoutGroup, InetSocketAddress scoutBroadcast, MeshListener events,
                      Consumer<RuntimeException> handlerErrors, RandomGenerator random, long nowUs) {
        this(config, bootEpoch, boundPort, output, scoutGroup, scoutBroadcast, events, handlerErrors, random, nowUs,
                Subnet.of(config.interfaceAddress(), 24));
    }

    /**
     * @param subnet where peer addresses told by the network (discovery, gossip, scout frames, strangers) are
     *               accepted; seeds are accepted anywhere
     */
    public MeshEngine(MeshConfig config, long bootEpoch, int boundPort, DatagramSink output,
                      InetSocketAddress scoutGroup, InetSocketAddress scoutBroadcast, MeshListener events,
                      Consumer<RuntimeException> handlerErrors, RandomGenerator random, long nowUs, Subnet subnet) {
        this.config = config;
        this.subnet = subnet;
        this.bootEpoch = bootEpoch;
        FrameAuthenticator signer = config.groupKey() == null ? null : new FrameAuthenticator(config.groupKey());
        FrameAuthenticator verifier = config.groupKey() == null ? null : new FrameAuthenticator(config.groupKey());
        this.writer = new FrameWriter(config.nodeId(), bootEpoch, new FrameEncoder(signer), output, counters,
                this::onHeldBack);
        this.admission = new Admission(config.nodeId(), new FrameDecoder(verifier), counters);
        this.departed = new DepartedPeers(counters);
        this.events = events;
        this.sender = new PublishSender(peers, writer, counters, config.retransmitMinMs(), config.retransmitMaxMs());
        this.receiver = new PublishReceiver(writer, counters, handlerErrors);
        this.scoutGroup = scoutGroup;
        this.scoutBroadcast = scoutBroadcast;
        long nowMs = nowUs / 1000;
        this.scout = new Scout(this::sendScoutHello, random, nowMs);
        this.greeter = new Greeter(config, boundPort, PROTOCOL_VERSION, peers, writer, receiver::prefixes,
                () -> !scout.multicastHeard(lastTickMs), () -> advertisedPriority, counters, subnet);
        this.advertisedPriority = config.priority();
        this.liveness = new Liveness(config.heartbeatMs(), config.leaseMs(), new Liveness.Actions() {
            @Override
            public void sendKeepAlive(Peer peer, long ms) {
                // One keep-alive in four asks for an echo, so partner links keep a round-trip time.
                sendHeartbeat(peer, peer.countKeepAlive() % ECHO_EVERY_KEEPALIVES == 0, ms * 1000);
            }

            @Override
            public void sendProbe(Peer peer, long ms) {
                sendHeartbeat(peer, true, ms * 1000);
                counters.probes.increment();
            }
        });
        for (InetSocketAddress seed : config.seedPeers()) {
            search.addSeed(seed, nowMs);
        }
        this.lastTickMs = nowMs;
    }

    private long lastTickMs;
    private int advertisedPriority;

    public Counters counters() {
        return counters;
    }

    public long bootEpoch() {
        return bootEpoch;
    }

    // ---- inbound ----

    /** One datagram from the mesh socket; {@code data[0..length)} may be reused after return. */
    public void onDatagram(InetSocketAddress from, byte[] data, int length, long nowUs) {
        receive(from, data, length, nowUs, false);
    }

    /** One datagram from the scout socket (multicast or broadcast to the scout port). */
    public void onScoutDatagram(InetSocketAddress from, byte[] data, int length, long nowUs) {
        receive(from, data, length, nowUs, true);
    }

    private void receive(InetSocketAddress from, byte[] data, int length, long nowUs, boolean viaScout) {
        counters.received.increment();
        Frame frame = admission.decode(data, length, viaScout);
        if (frame == null) {
            return;
        }
        if (viaScout && !frame.hasHello()) {
            counters.drop(DropReason.UNEXPECTED);
            return;
        }
        if (viaScout && !subnet.contains(from.getAddress())) {
            counters.offSubnet.increment();
            return;
        }
        if (frame.hasHello() && frame.getHello().getProtocolVersion() != PROTOCOL_VERSION) {
            counters.drop(DropReason.BAD_VERSION);
            return;
        }
        Peer peer = peers.get(frame.getSenderId());
        if (peer == null) {
            onFirstContact(from, frame, length, nowUs, viaScout);
            return;
        }
        Admission.Verdict verdict = admission.admit(peer, frame, viaScout);
        if (verdict == Admission.Verdict.DROP) {
            return;
        }
        peer.credit(length);
        peer.onHeard(nowUs / 1000, frame.getSentTimeUs(), nowUs);
        if (verdict == Admission.Verdict.ACCEPT_RESTARTED) {
            receiver.forget(peer.nodeId());
            events.onPeerLost(peer.view(), LossCause.RESTARTED);
            events.onPeerJoined(peer.view());
            if (!frame.hasHello()) {
                greeter.send(peer, true, nowUs);
            }
            sendLatestValues(peer, List.of(), viaScout, nowUs);
        }
        dispatch(peer, from, frame, nowUs, viaScout);
        if (!viaScout || peer.hasHeldBack()) {
            askToVerify(peer, nowUs); // its frame is budget for a probe
        }
    }

    /**
     * A unicast frame came from an unverified peer, or something was held back for an unverified peer (over its byte budget, or values for late joiners): it gets a
     * probe, within its budget and at most once per gap; its answer echoes our send time and verifies it.
     */
    private void askToVerify(Peer peer, long nowUs) {
        long nowMs = nowUs / 1000;
        if (!probingToVerify && !peer.verified() && peers.get(peer.nodeId()) == peer
                && nowMs >= peer.verifyProbeDueMs()) {
            probingToVerify = true;
            try {
                if (sendHeartbeat(peer, true, nowUs)) {
                    peer.setVerifyProbeDueMs(nowMs + VERIFY_PROBE_GAP_MS);
                }
            } finally {
                probingToVerify = false;
            }
        }
    }

    /** A frame for an unverified peer did not fit its budget. */
    private void onHeldBack(Peer peer) {
        askToVerify(peer, lastTickMs * 1000);
    }

    /** The peer echoed a send time of ours: it receives at its address. What was held back for it goes now. */
    private void onVerified(Peer peer, long nowUs) {
        peer.verify();
        writer.sendHeldBack(peer);
        if (!scout.multicastHeard(lastTickMs)) {
            greeter.send(peer, false, nowUs); // the gossip it could not have before, where scouting is silent
        }
        sendLatestValues(peer, List.of(), false, nowUs);
    }

    private void onFirstContact(InetSocketAddress from, Frame frame, int length, long nowUs, boolean viaScout) {
        boolean solicited = greeter.solicited(from, nowUs / 1000);
        if (!solicited && !subnet.contains(from.getAddress())) {
            counters.offSubnet.increment();
            return;
        }
        if (!frame.hasHello()) {
            counters.drop(DropReason.UNEXPECTED);
            if (solicited || (frame.hasHeartbeat() && writer.echoesScout(frame.getHeartbeat().getEchoTimeUs()))) {
                // an address we chose, or a node answering our query: a whole Hello, as to a seed
                greeter.contact(from, nowUs);
            } else {
                greeter.contactStranger(from, length, nowUs);
            }
            return;
        }
        if (peers.size() >= MAX_PEERS) {
            counters.drop(DropReason.TABLE_FULL);
            return;
        }
        if (!solicited) {
            evictUnverifiedBeyond(MAX_UNVERIFIED - 1);
        }
        Peer peer = departed.take(frame.getSenderId());
        if (peer == null) {
            peer = new Peer(frame.getSenderId(), from, frame.getBootEpoch());
            (viaScout ? peer.scoutWindow() : peer.replayWindow()).accept(frame.getSeq());
        } else if (admission.admit(peer, frame, viaScout) == Admission.Verdict.DROP) {
            // a departed peer's frame within its window: a replay, and the peer stays departed
            departed.put(peer);
            return;
        } else {
            peer.rejoin();
        }
        peer.credit(length);
        if (solicited) {
            peer.verify();
        }
        peer.onHeard(nowUs / 1000, frame.getSentTimeUs(), nowUs);
        Hello hello = frame.getHello();
        peer.takesHello(frame.getSentTimeUs());
        applyHello(peer, from, hello, viaScout);
        peers.add(peer);
        search.onFound(peer.nodeId());
        events.onPeerJoined(peer.view());
        if (viaScout) {
            scout.onScoutHello(hello.getReplyRequested(), true, peers.size(), nowUs / 1000);
        } else {
            greeter.answer(peer, hello, nowUs);
            if (!hello.getReplyRequested()) {
                // Our own Hello to it may predate a subscription made since: tell it where we stand now.
                greeter.send(peer, false, nowUs);
            }
        }
        sendLatestValues(peer, List.of(), viaScout, nowUs);
        if (!viaScout) {
            askToVerify(peer, nowUs);
        }
    }

    /** Evicts the oldest unverified peers (counted) until at most {@code keep} remain. */
    private void evictUnverifiedBeyond(int keep) {
        int unverified = 0;
        for (Peer peer : peers.all()) {
            if (!peer.verified()) {
                unverified++;
            }
        }
        while (unverified > keep) {
            Peer oldest = null;
            for (Peer peer : peers.all()) {
                if (!peer.verified()) {
                    oldest = peer;
                    break;
                }
            }
            removePeer(oldest, LossCause.LEASE_EXPIRED);
            counters.unverifiedEvicted.increment();
            unverified--;
        }
    }

    private void dispatch(Peer peer, InetSocketAddress from, Frame frame, long nowUs, boolean viaScout) {
        switch (frame.getBodyCase()) {
            case HELLO -> {
                List<String> before = peer.subscriptions();
                if (peer.takesHello(frame.getSentTimeUs())) {
                    applyHello(peer, from, frame.getHello(), viaScout);
                } else {
                    counters.staleHello.increment(); // overtaken by a newer one on the other socket
                }
                if (viaScout) {
                    scout.onScoutHello(frame.getHello().getReplyRequested(), false, peers.size(), nowUs / 1000);
                } else {
                    greeter.answer(peer, frame.getHello(), nowUs);
                }
                if (!before.equals(peer.subscriptions())) {
                    sendLatestValues(peer, before, viaScout, nowUs);
                }
            }
            case HEARTBEAT -> onHeartbeat(peer, frame.getHeartbeat(), nowUs);
            case PUBLISH -> {
                peer.markPublishesToUs();
                receiver.onPublish(peer, frame, nowUs);
            }
            case ACK -> onAck(peer, frame.getAck(), nowUs);
            case BYE -> removePeer(peer, LossCause.BYE);
            default -> counters.drop(DropReason.INCOMPLETE);
        }
    }

    private void applyHello(Peer peer, InetSocketAddress from, Hello hello, boolean viaScout) {
        peer.onHello(from, hello.getName(), hello.getRole(), hello.getSubscriptionsList(), hello.getChannel(),
                hello.getPriority());
        peer.onAnnounced(hello.getBeaconMs(), hello.getDnssd(), viaScout);
        peer.setSubscribedToUs(sender.latestValues().anyMatch(peer.subscriptions()));
        peer.setWatched(BRIDGE_ROLE.equals(config.role()) && BRIDGE_ROLE.equals(hello.getRole()));
    }

    /**
     * Current value for late joiners: what the peer's subscriptions newly match, at once. A peer met on the scout
     * group may not know us yet (our answer is a beacon, later), so our Hello goes first.
     */
    private void sendLatestValues(Peer peer, List<String> before, boolean introduce, long nowUs) {
        if (!peer.verified()) {
            // until it proves its address: they go when it does (onVerified)
            if (sender.latestValues().anyMatch(peer.subscriptions())) {
                askToVerify(peer, nowUs);
            }
            return;
        }
        List<Publish> due = sender.latestValues().newlyMatching(before, peer.subscriptions());
        if (introduce && !due.isEmpty()) {
            greeter.send(peer, false, nowUs);
        }
        for (Publish latest : due) {
            writer.send(peer, Frame.newBuilder().setPublish(latest), nowUs);
            counters.latestSent.increment();
        }
    }

    private void onHeartbeat(Peer peer, Heartbeat heartbeat, long nowUs) {
        if (!peer.verified() && (peer.echoes(heartbeat.getEchoTimeUs())
                || writer.echoesScout(heartbeat.getEchoTimeUs()))) {
            onVerified(peer, nowUs);
        }
        if (heartbeat.getEchoTimeUs() != 0) {
            sampleRtt(peer, nowUs - heartbeat.getEchoTimeUs() - heartbeat.getEchoDelayUs());
        }
        if (heartbeat.getReplyRequested()) {
            sendHeartbeat(peer, false, nowUs);
        }
    }

    private boolean sendHeartbeat(Peer peer, boolean replyRequested, long nowUs) {
        long echo = peer.lastTheirSentUs();
        long delay = echo == 0 ? 0 : nowUs - peer.lastTheirSentHeardUs();
        return writer.send(peer, Frame.newBuilder().setHeartbeat(Heartbeat.newBuilder()
                .setEchoTimeUs(echo).setEchoDelayUs(delay).setReplyRequested(replyRequested)), nowUs);
    }

    private void onAck(Peer peer, Ack ack, long nowUs) {
        if (!peer.verified() && (peer.echoes(ack.getEchoTimeUs()) || writer.echoesScout(ack.getEchoTimeUs()))) {
            onVerified(peer, nowUs);
        }
        if (sender.onAck(peer.nodeId(), ack.getMessageId()) && ack.getEchoTimeUs() != 0) {
            sampleRtt(peer, nowUs - ack.getEchoTimeUs());
        }
    }

    private static void sampleRtt(Peer peer, long rttUs) {
        if (rttUs >= 0 && rttUs < MAX_SANE_RTT_US) {
            peer.rtt().onSample(rttUs);
        }
    }

    // ---- scouting ----

    /** A beacon or query: to the group when scouting is on, and by unicast to peers never heard there. */
    private void sendScoutHello(boolean query, boolean broadcastToo, long nowMs) {
        long nowUs = nowMs * 1000;
        if (scoutGroup != null) {
            writer.sendScout(Frame.newBuilder().setHello(greeter.hello(query)), scoutGroup,
                    broadcastToo ? scoutBroadcast : null, nowUs);
        }
        for (Peer peer : peers.all()) {
            if (!peer.heardOnScout()) {
                greeter.send(peer, false, nowUs);
            }
        }
    }

    // ---- discovery and time ----

    /** A peer address learned from mDNS or a seed; contacted unless already live. */
    public void onPeerFound(InetSocketAddress address, String nodeIdOrNull, long nowUs) {
        if (!subnet.contains(address.getAddress())) {
            counters.offSubnet.increment();
            return;
        }
        greeter.onFound(address, nodeIdOrNull, nowUs);
    }

    /** Our interface address changed and the sockets were bound again: be found at the new address at once. */
    public void onAddressChanged(long nowUs) {
        scout.queryNow(nowUs / 1000);
    }

    /**
     * Expires leases (after probing silent peers), sends keep-alives on quiet flows, retransmits what is due,
     * repeats quiet topics' last values, speaks on the scouting group when due and looks again for lost
     * partners and seeds.
     */
    public void onTick(long nowUs) {
        long nowMs = nowUs / 1000;
        lastTickMs = nowMs;
        for (Peer lost : liveness.sweep(peers, nowMs)) {
            forgetPeer(lost);
            departed.put(lost);
            if (lost.publishesToUs() || lost.subscribedToUs() || lost.watched()) {
                search.onLost(lost.nodeId(), lost.address(), nowMs);
            }
            events.onPeerLost(lost.view(), LossCause.LEASE_EXPIRED);
        }
        boolean repeatTick = nowMs >= nextRepeatMs;
        sender.onTick(nowUs, repeatTick, REPEAT_MS);
        if (repeatTick) {
            nextRepeatMs = nowMs + REPEAT_MS;
        }
        scout.onTick(peers.size(), nowMs);
        for (InetSocketAddress address : search.due(nowMs, peers::hasAddress)) {
            greeter.solicit(address, nowUs);
        }
    }

    // ---- commands ----

    /** Sends to every live peer whose subscriptions match; returns how many peers it went to. */
    public int publish(String topic, Value value, Qos qos, boolean fromChannel, long nowUs) {
        return sender.publish(topic, value, qos, fromChannel, nowUs);
    }

    public void subscribe(String prefix, MessageHandler handler, long nowUs) {
        if (receiver.subscribe(prefix, handler)) {
            announce(nowUs);
        }
    }

    public void unsubscribe(String prefix, MessageHandler handler, long nowUs) {
        if (receiver.unsubscribe(prefix, handler)) {
            announce(nowUs);
        }
    }

    /** Tells the mesh our subscriptions changed: one beacon (and a Hello to each peer not heard scouting). */
    private void announce(long nowUs) {
        scout.beaconNow(nowUs / 1000);
    }

    /** Changes the election priority our Hellos carry (a bridge that holds the link raises it) and tells the mesh. */
    public void advertisePriority(int priority, long nowUs) {
        if (priority != advertisedPriority) {
            advertisedPriority = priority;
            announce(nowUs);
        }
    }

    /** Says Bye to every live peer (clean shutdown). */
    public void sayBye(long nowUs) {
        for (Peer peer : peers.all()) {
            writer.send(peer, Frame.newBuilder().setBye(Bye.getDefaultInstance()), nowUs);
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
        departed.put(peer);
        events.onPeerLost(peer.view(), cause);
    }

    private void forgetPeer(Peer peer) {
        receiver.forget(peer.nodeId());
        sender.forget(peer.nodeId());
    }
}
