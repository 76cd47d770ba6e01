package org.motormesh.mqtt;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.motormesh.mesh.MeshConfig;
import org.motormesh.mesh.Message;
import org.motormesh.node.MeshNode;

/**
 * One classroom mesh for a test: nodes on 127.0.0.1 without mDNS or scouting, found through the room's first node as
 * seed, so two rooms in one test never meet except through the broker. Closed together, last started first.
 */
final class Room implements AutoCloseable {
    private final String name;
    private final List<AutoCloseable> open = new ArrayList<>();
    private String seed;

    Room(String name) {
        this.name = name;
    }

    /** The settings of a node of this room (the first one is every other's seed). */
    MeshConfig.Builder builder(String nodeName) {
        MeshConfig.Builder b = MeshConfig.builder().name(name + "-" + nodeName).interfaceAddress("127.0.0.1")
                .mdns(false).scoutPort(0);
        return seed == null ? b : b.seedPeer(seed);
    }

    MeshNode node(String nodeName) {
        MeshNode node = new MeshNode(builder(nodeName).build()).start();
        if (seed == null) {
            seed = "127.0.0.1:" + node.localAddress().getPort();
        }
        return track(node);
    }

    /** A link of this room (the room needs a node first, as the seed). */
    MqttLinkNode link(String nodeName, MqttLinkConfig config, int priority) throws Exception {
        return track(MqttLinkNode.start(builder(nodeName).priority(priority), config, null));
    }

    String seed() {
        return seed;
    }

    /** Everything {@code node} receives on {@code prefix}. */
    static List<Message> record(MeshNode node, String prefix) {
        List<Message> got = new CopyOnWriteArrayList<>();
        node.subscribe(prefix, got::add);
        return got;
    }

    <T extends AutoCloseable> T track(T c) {
        open.add(c);
        return c;
    }

    @Override
    public void close() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }
}
