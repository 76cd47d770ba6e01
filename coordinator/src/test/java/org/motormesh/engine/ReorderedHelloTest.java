package org.motormesh.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.motormesh.membership.Peer;
import org.motormesh.mesh.NodeIds;
import org.motormesh.mesh.PeerView;
import org.motormesh.proto.FrameEncoder;
import org.motormesh.proto.v1.Frame;
import org.motormesh.proto.v1.Hello;

/**
 * A node's Hellos reach us on two sockets (its unicast Hello on the mesh socket, its beacon on the scout socket), so
 * an older one can be read after a newer one: it must not take back a subscription the newer one announced (that
 * lost the first QoS 1 publish to a node that had just subscribed, in a five-process run on a loaded machine).
 */
class ReorderedHelloTest {
    private final Sim sim = new Sim(7);

    @Test
    void shouldKeepTheNewerHellosSubscriptionsWhenAnOlderOneArrivesLate() {
        SimNode a = sim.node("a");
        SimNode b = sim.node("b");
        sim.introduce(a, b);
        sim.run(100);
        long t = sim.nowUs + 10_000_000L;

        byte[] beacon = hello(b, 5_000, t + 2_000, "", "/motor/");
        a.engine.onScoutDatagram(b.address, beacon, beacon.length, sim.nowUs);
        unicast(a, b, hello(b, 5_001, t + 1_000, NodeIds.fromName("a")));
        assertEquals(List.of("/motor/"), subscriptionsOf(a, "b"), "the late, older Hello changed nothing");
        assertEquals(1L, a.engine.counters().snapshot(List.of()).bounded().get("stale_hello"));

        unicast(a, b, hello(b, 5_002, t + 3_000, NodeIds.fromName("a")));
        assertEquals(List.of(), subscriptionsOf(a, "b"), "a newer Hello is taken");

        // a step back of more than a minute is the sender's clock wrapping (a board's ticks), not a reorder
        long wrapped = t + 3_000 - Peer.STALE_HELLO_US - 1;
        unicast(a, b, hello(b, 5_003, wrapped, NodeIds.fromName("a"), "/after-wrap/"));
        assertEquals(List.of("/after-wrap/"), subscriptionsOf(a, "b"));
    }

    private void unicast(SimNode to, SimNode from, byte[] datagram) {
        to.engine.onDatagram(from.address, datagram, datagram.length, sim.nowUs);
    }

    private static byte[] hello(SimNode from, long seq, long sentUs, String destId, String... subscriptions) {
        return new FrameEncoder(null).encode(Frame.newBuilder().setSenderId(NodeIds.fromName(from.name))
                .setBootEpoch(from.engine.bootEpoch()).setSeq(seq).setSentTimeUs(sentUs).setDestId(destId)
                .setHello(Hello.newBuilder().setName(from.name).setRole("node").setPort(from.address.getPort())
                        .setProtocolVersion(MeshEngine.PROTOCOL_VERSION).addAllSubscriptions(List.of(subscriptions)))
                .build());
    }

    private static List<String> subscriptionsOf(SimNode node, String name) {
        return node.engine.peers().stream().filter(p -> p.name().equals(name)).map(PeerView::subscriptions)
                .findFirst().orElseThrow();
    }
}
