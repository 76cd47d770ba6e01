package org.motormesh.engine;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import org.motormesh.membership.Peer;
import org.motormesh.membership.PeerTable;
import org.motormesh.mesh.HostPort;
import org.motormesh.mesh.MeshConfig;
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
    private final ContactThrottle contacts = new ContactThrottle();

    Greeter(MeshConfig config, int port, int protocolVersion, PeerTable peers, FrameWriter writer,
            Supplier<List<String>> subscriptions, BooleanSupplier gossipWanted,
            IntSupplier priority) {
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
            send(address, "", true, nowUs);
        }
    }

    /** Contacts the unknown peers a Hello lists (only where scouting is not heard), and answers it if asked to. */
    void answer(InetSocketAddress from, String senderId, Hello hello, long nowUs) {
        for (PeerAddress listed : gossipWanted.getAsBoolean() ? hello.getPeersList() : List.<PeerAddress>of()) {
            if (!listed.getNodeId().equals(config.nodeId()) && peers.get(listed.getNodeId()) == null) {
                InetSocketAddress address = HostPort.numeric(listed.getHost(), listed.getPort());
                if (address != null) {
                    contact(address, nowUs);
                }
            }
        }
        if (hello.getReplyRequested()) {
            send(from, senderId, false, nowUs);
        }
    }

    /** Our Hello with the gossip, to {@code to}, addressed to node {@code destId} ("" when its id is unknown). */
    void send(InetSocketAddress to, String destId, boolean replyRequested, long nowUs) {
        Hello.Builder hello = hello(replyRequested).toBuilder();
        addPeers(hello);
        writer.send(to, destId, Frame.newBuilder().setHello(hello), nowUs);
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
