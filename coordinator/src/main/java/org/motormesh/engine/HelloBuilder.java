package org.motormesh.engine;

import java.util.Collection;
import java.util.List;
import org.motormesh.membership.Peer;
import org.motormesh.node.MeshConfig;
import org.motormesh.proto.v1.Hello;
import org.motormesh.proto.v1.PeerAddress;
import org.motormesh.wire.FrameFormat;

/** Builds this node's Hello: who it is, what it subscribes to, and as many live peers as fit in one frame. */
final class HelloBuilder {
    /** Protocol version carried in Hello and in the TXT record {@code v}. */
    static final int PROTOCOL_VERSION = 1;
    /** Room left for the envelope (ids, counters, times) and the tag. */
    private static final int MAX_HELLO_SIZE = FrameFormat.MAX_BODY_SIZE - 80;
    private final MeshConfig config;
    private final int port;

    HelloBuilder(MeshConfig config, int port) {
        this.config = config;
        this.port = port;
    }

    Hello build(List<String> subscriptions, Collection<Peer> peers, boolean replyRequested) {
        Hello.Builder hello = Hello.newBuilder().setName(config.name()).setRole(config.role()).setPort(port)
                .setProtocolVersion(PROTOCOL_VERSION).addAllSubscriptions(subscriptions)
                .setReplyRequested(replyRequested).setChannel(config.channel()).setPriority(config.priority());
        int size = hello.build().getSerializedSize();
        for (Peer peer : peers) {
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
}
