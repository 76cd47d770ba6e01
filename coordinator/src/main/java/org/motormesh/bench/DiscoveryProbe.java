package org.motormesh.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.jmdns.JmDNS;
import javax.jmdns.ServiceEvent;
import javax.jmdns.ServiceInfo;
import javax.jmdns.ServiceListener;
import org.motormesh.node.MeshConfig;
import org.motormesh.node.MeshListener;
import org.motormesh.node.MeshNode;
import org.motormesh.node.PeerView;

/**
 * Discovery time on loopback, two ways: a new mesh node's start until all running peers know it, and plain JmDNS
 * registration until all browsing JmDNS instances have resolved it.
 */
final class DiscoveryProbe {
    private static final String PLAIN_TYPE = "_mmbench._udp.local.";
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
        InetAddress lo = InetAddress.getByName("127.0.0.1");
        Map<String, CountDownLatch> resolved = new ConcurrentHashMap<>();
        List<JmDNS> instances = new ArrayList<>();
        try {
            for (int i = 0; i < browsers; i++) {
                JmDNS browser = JmDNS.create(lo, "bench-browser-" + i + "-" + runId);
                instances.add(browser);
                browser.addServiceListener(PLAIN_TYPE, new Resolved(resolved));
            }
            JmDNS registrar = JmDNS.create(lo, "bench-registrar-" + runId);
            instances.add(registrar);
            Thread.sleep(500);
            long[] result = new long[trials];
            for (int t = 0; t < trials; t++) {
                String name = "bench-svc-" + t + "-" + runId;
                CountDownLatch latch = new CountDownLatch(browsers);
                resolved.put(name, latch);
                ServiceInfo info = ServiceInfo.create(PLAIN_TYPE, name, 40000 + t, "v=1");
                long t0 = System.nanoTime();
                Thread register = new Thread(() -> {
                    try {
                        registrar.registerService(info);
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                }, "bench-register");
                register.start();
                if (!latch.await(TRIAL_TIMEOUT_S, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("JmDNS browsers did not resolve within " + TRIAL_TIMEOUT_S + " s");
                }
                result[t] = (System.nanoTime() - t0) / 1_000_000;
                register.join();
                registrar.unregisterService(info);
                Thread.sleep(BETWEEN_TRIALS_MS);
            }
            return result;
        } finally {
            for (JmDNS dns : instances) {
                Thread closer = new Thread(() -> {
                    try {
                        dns.close();
                    } catch (IOException ignored) {
                        // closing in the background; nothing to recover
                    }
                });
                closer.setDaemon(true);
                closer.start();
            }
        }
    }

    /** Counts each browser's first resolution of a service name. */
    private static final class Resolved implements ServiceListener {
        private final Map<String, CountDownLatch> latches;
        private final java.util.Set<String> seen = ConcurrentHashMap.newKeySet();

        Resolved(Map<String, CountDownLatch> latches) {
            this.latches = latches;
        }

        @Override
        public void serviceAdded(ServiceEvent event) {
            event.getDNS().requestServiceInfo(event.getType(), event.getName(), 1);
        }

        @Override
        public void serviceRemoved(ServiceEvent event) {
            // not measured
        }

        @Override
        public void serviceResolved(ServiceEvent event) {
            CountDownLatch latch = latches.get(event.getName());
            if (latch != null && seen.add(event.getName())) {
                latch.countDown();
            }
        }
    }
}
