package org.motormesh.engine;

import java.util.ArrayList;
import java.util.List;

/** A little world of {@link SimNode}s on one {@link SimNetwork}, stepped by hand in 10 ms ticks. */
final class Sim {
    static final long TICK_US = 10_000;
    final SimNetwork net;
    final List<SimNode> nodes = new ArrayList<>();
    long nowUs = 1_000_000;
    private int nextPort = 40_000;

    Sim(long seed) {
        this.net = new SimNetwork(seed);
    }

    SimNode node(String name) {
        return node(name, null);
    }

    SimNode node(String name, String groupKey) {
        SimNode node = new SimNode(net, name, nextPort++, groupKey, nowUs);
        nodes.add(node);
        return node;
    }

    /** Replaces {@code old} by a restarted node: same name and address, higher boot epoch. */
    SimNode restart(SimNode old, String groupKey) {
        nodes.remove(old);
        SimNode fresh = new SimNode(net, old.name, old.address.getPort(), groupKey, nowUs + 1);
        nodes.add(fresh);
        return fresh;
    }

    void kill(SimNode node) {
        nodes.remove(node);
        net.detach(node.address);
    }

    /** Advances time by {@code ms}, ticking every engine and delivering datagrams every 10 ms. */
    void run(long ms) {
        for (long t = 0; t < ms; t += TICK_US / 1000) {
            nowUs += TICK_US;
            for (SimNode node : List.copyOf(nodes)) {
                node.engine.onTick(nowUs);
            }
            net.deliver(nowUs);
        }
    }

    void introduce(SimNode who, SimNode to) {
        who.engine.onPeerFound(to.address, null, nowUs);
        net.deliver(nowUs);
    }
}
