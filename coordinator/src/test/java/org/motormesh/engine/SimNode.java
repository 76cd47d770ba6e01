package org.motormesh.engine;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.motormesh.mesh.MeshConfig;
import org.motormesh.mesh.MeshListener;
import org.motormesh.mesh.Message;
import org.motormesh.mesh.PeerView;

/** An engine on the {@link SimNetwork}, recording what it delivers and the membership events it emits. */
final class SimNode implements MeshListener {
    final String name;
    final InetSocketAddress address;
    final MeshEngine engine;
    final List<Message> messages = new ArrayList<>();
    final List<String> joined = new ArrayList<>();
    final List<String> lost = new ArrayList<>();
    final List<LossCause> causes = new ArrayList<>();

    SimNode(SimNetwork net, String name, int port, String groupKey, long bootEpoch) {
        this.name = name;
        this.address = new InetSocketAddress("127.0.0.1", port);
        MeshConfig config = MeshConfig.builder().name(name).interfaceAddress("127.0.0.1").port(port)
                .groupKey(groupKey).mdns(false).build();
        this.engine = new MeshEngine(config, bootEpoch, port, net.sinkFor(address), SimNetwork.GROUP, null, this,
                e -> {
                    throw e;
                }, new SplittableRandom(port), bootEpoch);
        net.attach(address, engine);
    }

    void subscribe(String prefix, long nowUs) {
        engine.subscribe(prefix, messages::add, nowUs);
    }

    @Override
    public void onPeerJoined(PeerView peer) {
        joined.add(peer.name());
    }

    @Override
    public void onPeerLost(PeerView peer, LossCause cause) {
        lost.add(peer.name());
        causes.add(cause);
    }

    List<String> peerNames() {
        return engine.peers().stream().map(PeerView::name).sorted().toList();
    }
}
