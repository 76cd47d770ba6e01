package org.motormesh.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.motormesh.mesh.MeshStats;
import org.motormesh.mesh.NodeIds;
import org.motormesh.proto.FrameEncoder;
import org.motormesh.proto.v1.Frame;
import org.motormesh.proto.v1.Hello;
import org.motormesh.proto.v1.PeerAddress;

/**
 * Issues 11.4 and 11.5: addresses the network tells a node. Gossip naming a host is refused and counted (never looked
 * up on the loop); discovery answers, gossip and scout frames pointing outside the node's subnet (here: loopback) are
 * refused and counted, so a hostile answer cannot turn the mesh into a reflector.
 */
class HostileAddressesTest {
    private final Sim sim = new Sim(5);

    @Test
    void shouldRefuseGossipedHostNamesAndOffSubnetAddressesWithoutContactingThem() {
        SimNode a = sim.node("a");
        SimNode b = sim.node("b");
        sim.introduce(a, b);
        sim.run(100);
        int before = sim.net.captured().size();
        // b (verified: a contacted it) lists three peers: a host name, an address off the subnet, one on it
        byte[] hello = new FrameEncoder(null).encode(Frame.newBuilder().setSenderId(NodeIds.fromName("b"))
                .setBootEpoch(b.engine.bootEpoch()).setSeq(10_000).setSentTimeUs(sim.nowUs)
                .setDestId(NodeIds.fromName("a")).setHello(Hello.newBuilder().setName("b").setRole("node")
                        .setPort(b.address.getPort()).setProtocolVersion(MeshEngine.PROTOCOL_VERSION)
                        .addPeers(peer("0badcafe0001", "motor-7.local", 47000))
                        .addPeers(peer("0badcafe0002", "10.9.9.9", 47000))
                        .addPeers(peer("0badcafe0003", "127.0.0.99", 47000))).build());
        long t0 = System.nanoTime();
        a.engine.onDatagram(b.address, hello, hello.length, sim.nowUs + 1);
        long tookMs = (System.nanoTime() - t0) / 1_000_000;
        MeshStats stats = a.engine.counters().snapshot(List.of());
        List<InetSocketAddress> contacted = sim.net.captured().subList(before, sim.net.captured().size()).stream()
                .filter(d -> d.from().equals(a.address)).map(SimNetwork.Datagram::to).toList();
        System.out.printf("gossip of a host name: handled in %d ms, bounded %s, contacted %s%n", tookMs,
                stats.bounded(), contacted);
        assertEquals(1L, stats.bounded().get("name_host"), "the host name refused and counted");
        assertEquals(1L, stats.bounded().get("off_subnet"), "the off-subnet address refused and counted");
        assertTrue(contacted.stream().noneMatch(to -> to.getAddress().getHostAddress().startsWith("10.")));
        assertTrue(tookMs < 1_000, "no look-up on the loop: " + tookMs + " ms");
    }

    @Test
    void shouldIgnoreDiscoveryAnswersAndScoutFramesFromOutsideTheSubnet() {
        SimNode a = sim.node("a");
        int before = sim.net.captured().size();
        a.engine.onPeerFound(new InetSocketAddress("192.0.2.7", 47000), null, sim.nowUs);
        a.engine.onPeerFound(new InetSocketAddress("127.0.0.42", 47000), null, sim.nowUs);
        byte[] beacon = new FrameEncoder(null).encode(Frame.newBuilder().setSenderId("0badcafe0009").setBootEpoch(1)
                .setSeq(1).setSentTimeUs(1).setHello(Hello.newBuilder().setName("far").setPort(47000)
                        .setProtocolVersion(MeshEngine.PROTOCOL_VERSION)).build());
        a.engine.onScoutDatagram(new InetSocketAddress("192.0.2.9", 47000), beacon, beacon.length, sim.nowUs);
        List<InetSocketAddress> sent = sim.net.captured().subList(before, sim.net.captured().size()).stream()
                .map(SimNetwork.Datagram::to).toList();
        assertEquals(List.of(new InetSocketAddress("127.0.0.42", 47000)), sent, "only the answer on the subnet");
        assertEquals(List.of(), a.peerNames(), "the off-subnet beacon made no peer");
        assertEquals(2L, a.engine.counters().snapshot(List.of()).bounded().get("off_subnet"));
    }

    private static PeerAddress peer(String id, String host, int port) {
        return PeerAddress.newBuilder().setNodeId(id).setName(id).setHost(host).setPort(port).build();
    }
}
