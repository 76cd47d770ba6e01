package org.motormesh.engine;

import java.net.InetSocketAddress;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import org.motormesh.membership.Peer;
import org.motormesh.membership.PeerTable;
import org.motormesh.mesh.HostPort;
import org.motormesh.mesh.MeshConfig;
import org.motormesh.mesh.Subnet;
import org.motormesh.proto.FrameFormat;
import org.motormesh.proto.v1.Frame;
import org.motormesh.proto.v1.Hello;
import org.motormesh.proto.v1.PeerAddress;

/**
 * Introductions: Hellos to peers found by mDNS, seeds and gossip (throttled per address), answers to Hellos, and
 * the Hello that beacons and queries carry. Each unicast Hello lists as many live peers as fit in one frame, so
 * one contact reveals the mesh where multicast is filtered; where scouting works, listed peers are left to it.
 * Not thread safe: owned by the event loop.
 */
final class Greeter {
    private static final int MAX_HELLO_SIZE = FrameFormat.MAX_MESSAGE_SIZE;
    private final MeshConfig config;
    private final int port;
    private final PeerTable peers;
    private final FrameWriter writer;
    private final int protocolVersion;
    private final Supplier<List<String>> subscriptions;
    private final BooleanSupplier gossipWanted;
    private final IntSupplier priority;
    private final Counters counters;
    private final Subnet subnet;
    /** Envelope bytes around a stranger's answer besides its Hello: header, ids, numbers, tag. */
    private static final int STRANGER_OVERHEAD = 4 + 14 + 11 + 11 + 11 + 16;
    private final ContactThrottle contacts = new ContactThrottle();
    /** Addresses this node chose to contact (seeds, mDNS, gossip, lost partners), with when: bounded. */
    private final Map<InetSocketAddress, Long> solicited = new LinkedHashMap<>();
    private static final int MAX_SOLICITED = 1024;
    private static final long SOLICITED_MS = 30_000;

    Greeter(MeshConfig config, int port, int protocolVersion, PeerTable peers, FrameWriter writer,
            Supplier<List<String>> subscriptions, BooleanSupplier gossipWanted,
            IntSupplier priority, Counters counters, Subnet subnet) {
        this.counters = counters;
        this.subnet = subnet;
        this.priority = priority;
        this.config = config;
        this.port = port;
        this.protocolVersion = protocolVersion;
        this.gossipWanted = gossipWanted;
        this.peers = peers;
        this.writer = writer;
        this.subscriptions = subscriptions;
    }

    /** A peer address from mDNS or a seed: say Hello unless it is this node or already live. */
    void onFound(InetSocketAddress address, String nodeIdOrNull, long nowUs) {
        if (config.nodeId().equals(nodeIdOrNull) || (nodeIdOrNull != null && peers.get(nodeIdOrNull) != null)) {
            return;
        }
        if (nodeIdOrNull == null && peers.hasAddress(address)) {
            return;
        }
        contact(address, nowUs);
    }

    /** Says Hello (asking for one back), at most once per address per throttle interval; the id is not known. */
    void contact(InetSocketAddress address, long nowUs) {
        if (contacts.allow(address, nowUs / 1000)) {
            solicit(address, nowUs);
        }
    }

    /**
     * A Hello (asking for one back) to an address this node chose (a seed, an mDNS answer, gossip, a lost partner):
     * a peer that answers from there is taken as verified.
     */
    void solicit(InetSocketAddress address, long nowUs) {
        solicited.remove(address);
        solicited.put(address, nowUs / 1000);
        if (solicited.size() > MAX_SOLICITED) {
            Iterator<InetSocketAddress> eldest = solicited.keySet().iterator();
            eldest.next();
            eldest.remove();
        }
        Hello.Builder hello = hello(true).toBuilder();
        addPeers(hello);
        writer.sendPadded(address, Frame.newBuilder().setHello(hello), nowUs);
    }

    /** Whether this node contacted {@code address} of its own accord recently. */
    boolean solicited(InetSocketAddress address, long nowMs) {
        Long since = solicited.get(address);
        return since != null && nowMs - since < SOLICITED_MS;
    }

    /**
     * A frame from an unknown sender at {@code address} (anyone may spoof it): say Hello, throttled, and only when our
     * Hello, without gossip, is no larger than the {@code length} bytes that came in.
     */
    void contactStranger(InetSocketAddress address, int length, long nowUs) {
        Frame.Builder frame = Frame.newBuilder().setHello(hello(true));
        if (frame.build().getSerializedSize() + STRANGER_OVERHEAD > length) {
            counters.replyCapped.increment();
            return;
        }
        if (contacts.allow(address, nowUs / 1000)) {
            writer.send(address, "", frame, nowUs);
        }
    }

    /**
     * Contacts the unknown peers a verified peer's Hello lists (only where scouting is not heard; numeric addresses on
     * our subnet only), and answers it if asked to.
     */
    void answer(Peer peer, Hello hello, long nowUs) {
        boolean wanted = peer.verified() && gossipWanted.getAsBoolean();
        for (PeerAddress listed : hello.getPeersList()) {
            if (!listed.getNodeId().equals(config.nodeId()) && peers.get(listed.getNodeId()) == null) {
                InetSocketAddress address = HostPort.numeric(listed.getHost(), listed.getPort());
                if (address == null) {
                    // a host name (never looked up on the loop) or a bad port
                    counters.nameHost.increment();
                } else if (!subnet.contains(address.getAddress())) {
                    counters.offSubnet.increment();
                } else if (wanted) {
                    contact(address, nowUs);
                }
            }
        }
        if (hello.getReplyRequested()) {
            send(peer, false, nowUs);
        }
    }

    /**
     * Our Hello to a peer; the gossip only to a verified one. To one not yet verified it is limited to what the peer
     * sent us (see {@link FrameWriter#send(Peer, Frame.Builder, long)}).
     */
    boolean send(Peer peer, boolean replyRequested, long nowUs) {
        Hello.Builder hello = hello(replyRequested).toBuilder();
        if (peer.verified()) {
            addPeers(hello);
        }
        return writer.send(peer, Frame.newBuilder().setHello(hello), nowUs);
    }

    /** Our Hello without a peer list: what beacons and queries carry. */
    Hello hello(boolean replyRequested) {
        return Hello.newBuilder().setName(config.name()).setRole(config.role()).setPort(port)
                .setProtocolVersion(protocolVersion).addAllSubscriptions(subscriptions.get())
                .setReplyRequested(replyRequested).setChannel(config.channel()).setPriority(priority.getAsInt())
                .setBeaconMs((int) Scout.intervalMs(peers.size())).setDnssd(config.mdns()).build();
    }

    private void addPeers(Hello.Builder hello) {
        int size = hello.build().getSerializedSize();
        for (Peer peer : peers.all()) {
            if (!peer.verified()) {
                continue;
            }
            PeerAddress entry = PeerAddress.newBuilder().setNodeId(peer.nodeId()).setName(peer.name())
                    .setHost(peer.address().getAddress().getHostAddress()).setPort(peer.address().getPort()).build();
            int entrySize = entry.getSerializedSize() + 3;
            if (size + entrySize > MAX_HELLO_SIZE) {
                break;
            }
            hello.addPeers(entry);
            size += entrySize;
        }
    }
}
