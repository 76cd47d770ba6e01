package org.motormesh.engine;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.function.Supplier;
import org.motormesh.membership.Peer;
import org.motormesh.membership.PeerTable;
import org.motormesh.mesh.MeshConfig;
import org.motormesh.proto.FrameFormat;
import org.motormesh.proto.v1.Frame;
import org.motormesh.proto.v1.Hello;
import org.motormesh.proto.v1.PeerAddress;

/**
 * Introductions: Hellos to peers found by mDNS, seeds and gossip (throttled per address), answers to Hellos, and
 * re-announcements when subscriptions change. Each Hello lists as many live peers as fit in one frame, so one
 * contact reveals the mesh. Not thread safe: owned by the event loop.
 */
final class Greeter {
    /** Protocol version carried in Hello and in the TXT record {@code v}. */
    static final int PROTOCOL_VERSION = 1;
    private static final int MAX_HELLO_SIZE = FrameFormat.MAX_MESSAGE_SIZE;
    private final MeshConfig config;
    private final int port;
    private final PeerTable peers;
    private final FrameWriter writer;
    private final Supplier<List<String>> subscriptions;
    private final ContactThrottle contacts = new ContactThrottle();

    Greeter(MeshConfig config, int port, PeerTable peers, FrameWriter writer, Supplier<List<String>> subscriptions) {
        this.config = config;
        this.port = port;
        this.peers = peers;
        this.writer = writer;
        this.subscriptions = subscriptions;
    }

    /** A peer address from mDNS or a seed: say Hello unless it is this node or already live. */
    void onFound(InetSocketAddress address, String nodeIdOrNull, long nowUs) {
        if (config.nodeId().equals(nodeIdOrNull) || (nodeIdOrNull != null && peers.get(nodeIdOrNull) != null)) {
            return;
        }
        if (nodeIdOrNull == null && isLive(address)) {
            return;
        }
        contact(address, nowUs);
    }

    /** Says Hello (asking for one back), at most once per address per throttle interval. */
    void contact(InetSocketAddress address, long nowUs) {
        if (contacts.allow(address, nowUs / 1000)) {
            send(address, true, nowUs);
        }
    }

    /** Contacts the unknown peers a Hello lists, and answers it if asked to. */
    void answer(InetSocketAddress from, Hello hello, long nowUs) {
        for (PeerAddress listed : hello.getPeersList()) {
            if (!listed.getNodeId().equals(config.nodeId()) && peers.get(listed.getNodeId()) == null) {
                InetSocketAddress address = new InetSocketAddress(listed.getHost(), listed.getPort());
                if (!address.isUnresolved()) {
                    contact(address, nowUs);
                }
            }
        }
        if (hello.getReplyRequested()) {
            send(from, false, nowUs);
        }
    }

    /** Tells every live peer what this node subscribes to now. */
    void announce(long nowUs) {
        for (Peer peer : peers.all()) {
            send(peer.address(), false, nowUs);
        }
    }

    void send(InetSocketAddress to, boolean replyRequested, long nowUs) {
        writer.send(to, Frame.newBuilder().setHello(build(replyRequested)), nowUs);
    }

    private Hello build(boolean replyRequested) {
        Hello.Builder hello = Hello.newBuilder().setName(config.name()).setRole(config.role()).setPort(port)
                .setProtocolVersion(PROTOCOL_VERSION).addAllSubscriptions(subscriptions.get())
                .setReplyRequested(replyRequested).setChannel(config.channel()).setPriority(config.priority());
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
        return hello.build();
    }

    private boolean isLive(InetSocketAddress address) {
        for (Peer peer : peers.all()) {
            if (peer.address().equals(address)) {
                return true;
            }
        }
        return false;
    }
}
