package org.motormesh.bridge;

import java.util.ArrayList;
import java.util.List;
import org.motormesh.mesh.MeshConfig;
import org.motormesh.node.MeshNode;

/** Mesh nodes on 127.0.0.1 without mDNS, found through seed peers; closed together. */
public final class TestMesh implements AutoCloseable {
    private final List<AutoCloseable> open = new ArrayList<>();

    public MeshNode node(String name, List<String> seeds) {
        return start(MeshConfig.builder().name(name).interfaceAddress("127.0.0.1").mdns(false).seedPeers(seeds));
    }

    public MeshNode bridgeNode(String name, String channel, int priority, List<String> seeds) {
        return start(MeshConfig.builder().name(name).role("bridge").channel(channel).priority(priority)
                .interfaceAddress("127.0.0.1").mdns(false).seedPeers(seeds));
    }

    private MeshNode start(MeshConfig.Builder builder) {
        MeshNode node = new MeshNode(builder.build()).start();
        open.add(node);
        return node;
    }

    /** Closes {@code c} with everything else, in reverse order. */
    public <T extends AutoCloseable> T track(T c) {
        open.add(c);
        return c;
    }

    public static String seed(MeshNode node) {
        return "127.0.0.1:" + node.localAddress().getPort();
    }

    @Override
    public void close() {
        for (int i = open.size() - 1; i >= 0; i--) {
            try {
                open.get(i).close();
            } catch (Exception e) {
                throw new IllegalStateException("closing " + open.get(i), e);
            }
        }
    }
}
