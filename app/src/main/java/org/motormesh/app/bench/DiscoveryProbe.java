package org.motormesh.app.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.motormesh.discovery.JmdnsProbe;
import org.motormesh.mesh.MeshConfig;
import org.motormesh.mesh.MeshListener;
import org.motormesh.mesh.PeerView;
import org.motormesh.node.MeshNode;

/**
 * Discovery time on loopback, two ways: a new mesh node's start until all running peers know it, and plain JmDNS
 * registration until all browsing JmDNS instances have resolved it ({@link JmdnsProbe}).
 */
final class DiscoveryProbe {
    private static final long TRIAL_TIMEOUT_S = 15;
    /**
     * Pause between trials: responders send a given record by multicast at most once a second (RFC 6762 §6),
     * so a question repeated sooner goes unanswered; nodes do not join every few hundred ms in a classroom.
     */
    private static final long BETWEEN_TRIALS_MS = 1200;
    /** JmDNS answers queries only once a service is announced, about 2 to 3 s after it starts. */
    private static final long SETTLE_MS = 4000;

    private DiscoveryProbe() {
    }

    /** Milliseconds from {@code start()} of a new node until each of {@code peers} running nodes saw it join. */
    static long[] mesh(int peers, int trials, String runId) throws InterruptedException {
        List<MeshNode> running = new ArrayList<>();
        Map<String, CountDownLatch> joins = new ConcurrentHashMap<>();
        try {
            for (int i = 0; i < peers; i++) {
                MeshNode node = new MeshNode(config("bench-peer-" + i + "-" + runId));
                node.addListener(new MeshListener() {
                    @Override
                    public void onPeerJoined(PeerView peer) {
                        CountDownLatch latch = joins.get(peer.name());
                        if (latch != null) {
                            latch.countDown();
                        }
                    }
                });
                running.add(node.start());
            }
            awaitFullMesh(running);
            long[] result = new long[trials];
            for (int t = 0; t < trials; t++) {
                String name = "bench-new-" + t + "-" + runId;
                CountDownLatch latch = new CountDownLatch(peers);
                joins.put(name, latch);
                long t0 = System.nanoTime();
                MeshNode fresh = new MeshNode(config(name)).start();
                try {
                    if (!latch.await(TRIAL_TIMEOUT_S, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("new node not known to all peers within " + TRIAL_TIMEOUT_S + " s");
                    }
                    result[t] = (System.nanoTime() - t0) / 1_000_000;
                } finally {
                    fresh.close();
                }
                Thread.sleep(BETWEEN_TRIALS_MS);
            }
            return result;
        } finally {
            running.forEach(MeshNode::close);
        }
    }

    /** Milliseconds from starting {@code count} nodes together until each knows all the others. */
    static long simultaneous(int count, String runId) throws InterruptedException {
        List<MeshNode> nodes = new ArrayList<>();
        long t0 = System.nanoTime();
        try {
            for (int i = 0; i < count; i++) {
                nodes.add(new MeshNode(config("bench-together-" + i + "-" + runId)).start());
            }
            String prefix = "bench-together-";
            long deadline = System.currentTimeMillis() + TRIAL_TIMEOUT_S * 1000;
            while (nodes.stream().anyMatch(n -> n.peers().stream().filter(p -> p.name().startsWith(prefix)
                    && p.name().endsWith(runId)).count() < count - 1)) {
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException(count + " nodes started together did not meet within "
                            + TRIAL_TIMEOUT_S + " s");
                }
                Thread.sleep(5);
            }
            return (System.nanoTime() - t0) / 1_000_000;
        } finally {
            nodes.forEach(MeshNode::close);
        }
    }

    private static MeshConfig config(String name) {
        return MeshConfig.builder().name(name).interfaceAddress("127.0.0.1").build();
    }

    private static void awaitFullMesh(List<MeshNode> nodes) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 15_000;
        while (nodes.stream().anyMatch(n -> n.peers().size() < nodes.size() - 1)) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("the running peers did not find each other within 15 s "
                        + "(is multicast on for lo? sudo ip link set lo multicast on)");
            }
            Thread.sleep(20);
        }
        // "running" peers: their JmDNS registration (probe, announce twice) is complete, as on a class's mesh
        Thread.sleep(SETTLE_MS);
    }

    /** Milliseconds from registerService until each of {@code browsers} JmDNS instances resolved the service. */
    static long[] jmdns(int browsers, int trials, String runId) throws IOException, InterruptedException {
        return JmdnsProbe.registrationToResolution(browsers, trials, runId, BETWEEN_TRIALS_MS, TRIAL_TIMEOUT_S);
    }
}
