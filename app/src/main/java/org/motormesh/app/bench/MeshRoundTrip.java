package org.motormesh.app.bench;

import org.motormesh.mesh.MeshConfig;
import org.motormesh.mesh.Values;
import org.motormesh.node.MeshNode;
import org.motormesh.proto.v1.Qos;

/**
 * Mesh round trips as users make them: the application thread calls {@link MeshNode#publish}, the other node's
 * handler publishes the reply, and this node's handler hands it back to the waiting application thread.
 */
final class MeshRoundTrip implements RoundTrip {
    private final MeshNode pinger;
    private final MeshNode ponger;
    private final Reply reply = new Reply();

    MeshRoundTrip(long spinMicros) throws InterruptedException {
        ponger = new MeshNode(MeshConfig.builder().name("cmp-pong").interfaceAddress("127.0.0.1").mdns(false)
                .spinMicros(spinMicros).build()).start();
        pinger = new MeshNode(MeshConfig.builder().name("cmp-ping").interfaceAddress("127.0.0.1").mdns(false)
                .spinMicros(spinMicros).seedPeer("127.0.0.1:" + ponger.localAddress().getPort()).build()).start();
        ponger.subscribe("/bench/ping", m -> ponger.publish("/bench/pong", m.value(), Qos.QOS_LATEST));
        pinger.subscribe("/bench/pong", m -> reply.arrived((int) m.value().getInteger()));
        BenchRig.await(() -> knows(pinger, "/bench/ping") && knows(ponger, "/bench/pong"), "meeting of the mesh nodes");
    }

    private static boolean knows(MeshNode node, String topic) {
        try {
            return node.peers().stream().anyMatch(p -> p.subscriptions().stream().anyMatch(topic::startsWith));
        } catch (IllegalStateException slow) {
            return false;  // the loop did not answer in time (a very loaded machine): ask again until the deadline
        }
    }

    /** Size of the datagrams this mesh sends per ping, for a raw baseline of the same size. */
    int datagramSize() {
        return RttProbe.datagramSize(pinger.id());
    }

    @Override
    public String key() {
        return "mesh";
    }

    @Override
    public long once(int seq) {
        long t0 = System.nanoTime();
        pinger.publish("/bench/ping", Values.of(seq), Qos.QOS_LATEST);
        return reply.await(seq, LOST_AFTER_NS) ? System.nanoTime() - t0 : -1;
    }

    @Override
    public void close() {
        pinger.close();
        ponger.close();
    }
}
