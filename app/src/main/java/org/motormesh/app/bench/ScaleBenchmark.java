package org.motormesh.app.bench;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.motormesh.mesh.MeshConfig;
import org.motormesh.mesh.MeshListener;
import org.motormesh.mesh.MeshStats;
import org.motormesh.mesh.PeerView;
import org.motormesh.mesh.Values;
import org.motormesh.node.MeshNode;
import org.motormesh.proto.v1.Qos;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code motormesh bench scale}: N nodes in this process on loopback, every one given only the first as a seed:
 * how long until everyone knows everyone, what an idle mesh costs per node, and how long a data partner and the
 * rest of the mesh take to notice a node that stops without saying Bye.
 */
@Command(name = "scale", mixinStandardHelpOptions = true,
        description = "N nodes on loopback from one seed: time to full membership, idle traffic per node, "
                + "time to notice a lost partner and a lost member.")
public final class ScaleBenchmark implements Callable<Integer> {
    private static final long POLL_MS = 50;
    private static final long MEMBERSHIP_TIMEOUT_MS = 60_000;
    private static final long LOSS_TIMEOUT_MS = 120_000;

    @Option(names = "--nodes", defaultValue = "30", description = "Nodes to start (default: ${DEFAULT-VALUE}).")
    int nodes;

    @Option(names = "--idle-s", defaultValue = "10", description = "Idle window measured (default: ${DEFAULT-VALUE} s).")
    int idleSeconds;

    @Option(names = "--trials", defaultValue = "3", description = "Partner-loss trials (default: ${DEFAULT-VALUE}).")
    int trials;

    @Option(names = "--scout-port", description = "Scouting port for this run (default: a random one in "
            + "47100-47899, so a running mesh is not disturbed).")
    int scoutPort = 47100 + ThreadLocalRandom.current().nextInt(800);

    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;

    @Spec
    CommandSpec spec;

    private final Map<String, Long> lostAtMs = new ConcurrentHashMap<>();

    @Override
    public Integer call() throws Exception {
        if (nodes < trials + 3 || trials < 1) {
            throw new IllegalArgumentException("need --nodes >= --trials + 3 and --trials >= 1");
        }
        List<MeshNode> mesh = new ArrayList<>();
        String run = Long.toHexString(System.nanoTime() & 0xffffff);
        Map<String, Object> f = new LinkedHashMap<>();
        try {
            long start = System.currentTimeMillis();
            MeshNode seed = startNode(mesh, "scale-" + run + "-0", null);
            String seedAddress = "127.0.0.1:" + seed.localAddress().getPort();
            for (int i = 1; i < nodes; i++) {
                startNode(mesh, "scale-" + run + "-" + i, seedAddress);
            }
            long full = awaitFullMembership(mesh, start);
            f.put("nodes", nodes);
            f.put("full_membership_ms", full);
            Thread.sleep(2000);
            long falseLossesBefore = lostAtMs.size();
            MeshStats[] before = stats(mesh);
            long t0 = System.nanoTime();
            Thread.sleep(idleSeconds * 1000L);
            double seconds = (System.nanoTime() - t0) / 1e9;
            MeshStats[] after = stats(mesh);
            long datagrams = 0;
            long bytes = 0;
            for (int i = 0; i < mesh.size(); i++) {
                datagrams += after[i].sent() - before[i].sent();
                bytes += after[i].sentBytes() - before[i].sentBytes();
            }
            f.put("idle_datagrams_per_node_per_s", Figures.round2(datagrams / seconds / nodes));
            f.put("idle_bytes_per_node_per_s", Figures.round2(bytes / seconds / nodes));
            f.put("idle_room_datagrams_per_s", Figures.round2(datagrams / seconds));
            f.put("idle_false_losses", lostAtMs.size() - falseLossesBefore);
            long[] partner = partnerLoss(mesh);
            Percentiles p = new Percentiles(partner);
            f.put("partner_loss_detected_ms_p50", p.p(50));
            f.put("partner_loss_detected_ms_p99", p.p(99));
            long[] member = memberLoss(mesh);
            Percentiles m = new Percentiles(member);
            f.put("member_loss_detected_ms_p50", m.p(50));
            f.put("member_loss_detected_ms_max", m.p(100));
            f.put("trials", trials);
            f.put("scout_port", scoutPort);
        } finally {
            for (MeshNode node : mesh) {
                node.close();
            }
        }
        print(f);
        return 0;
    }

    private MeshNode startNode(List<MeshNode> mesh, String name, String seed) {
        MeshConfig.Builder config = MeshConfig.builder().name(name).interfaceAddress("127.0.0.1").mdns(false)
                .spinMicros(0).scoutPort(scoutPort);
        if (seed != null) {
            config.seedPeer(seed);
        }
        MeshNode node = new MeshNode(config.build());
        node.addListener(new MeshListener() {
            @Override
            public void onPeerLost(PeerView peer, LossCause cause) {
                lostAtMs.putIfAbsent(name + ">" + peer.nodeId(), System.currentTimeMillis());
            }
        });
        mesh.add(node.start());
        return node;
    }

    private static long awaitFullMembership(List<MeshNode> mesh, long start) throws InterruptedException {
        int want = mesh.size() - 1;
        while (System.currentTimeMillis() - start < MEMBERSHIP_TIMEOUT_MS) {
            boolean full = true;
            for (MeshNode node : mesh) {
                if (node.peers().size() < want) {
                    full = false;
                    break;
                }
            }
            if (full) {
                return System.currentTimeMillis() - start;
            }
            Thread.sleep(POLL_MS);
        }
        return -1;
    }

    /** A subscriber follows a publisher's topic; the publisher stops dead; how long until the subscriber knows. */
    private long[] partnerLoss(List<MeshNode> mesh) throws InterruptedException {
        long[] detected = new long[trials];
        for (int t = 0; t < trials; t++) {
            MeshNode publisher = mesh.get(mesh.size() - 1 - t);
            MeshNode subscriber = mesh.get(1);
            String topic = "/bench/" + publisher.name() + "/angle";
            var got = new java.util.concurrent.CountDownLatch(1);
            var subscription = subscriber.subscribe(topic, message -> got.countDown());
            long deadline = System.currentTimeMillis() + 5000;
            while (got.getCount() > 0 && System.currentTimeMillis() < deadline) {
                publisher.publish(topic, Values.of(t), Qos.QOS_LATEST);
                Thread.sleep(100);
            }
            Thread.sleep(1500);
            long killed = System.currentTimeMillis();
            publisher.crash();
            detected[t] = awaitLoss(subscriber.name() + ">" + publisher.id(), killed);
            subscription.close();
        }
        return detected;
    }

    /** A node nobody exchanges data with stops dead; how long until each live node knows. */
    private long[] memberLoss(List<MeshNode> mesh) throws InterruptedException {
        MeshNode victim = mesh.get(2);
        long killed = System.currentTimeMillis();
        victim.crash();
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < mesh.size() - trials; i++) {
            MeshNode observer = mesh.get(i);
            if (observer != victim) {
                times.add(awaitLoss(observer.name() + ">" + victim.id(), killed));
            }
        }
        return times.stream().mapToLong(Long::longValue).toArray();
    }

    private long awaitLoss(String key, long killedMs) throws InterruptedException {
        while (System.currentTimeMillis() - killedMs < LOSS_TIMEOUT_MS) {
            Long at = lostAtMs.get(key);
            if (at != null) {
                return at - killedMs;
            }
            Thread.sleep(10);
        }
        return -1;
    }

    private static MeshStats[] stats(List<MeshNode> mesh) {
        MeshStats[] all = new MeshStats[mesh.size()];
        for (int i = 0; i < all.length; i++) {
            all[i] = mesh.get(i).stats();
        }
        return all;
    }


    private void print(Map<String, Object> f) {
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Figures.json(f));
            return;
        }
        out.printf("motormesh bench scale (%d nodes on loopback, one seed, scouting on port %d)%n", nodes,
                f.get("scout_port"));
        out.printf("  full membership after        %6d ms   (target <= 5000)%n", f.get("full_membership_ms"));
        out.printf("  idle, per node               %6s datagrams/s, %s bytes/s   (target <= 5)%n",
                f.get("idle_datagrams_per_node_per_s"), f.get("idle_bytes_per_node_per_s"));
        out.printf("  idle, whole room             %6s datagrams/s; false losses while idle: %s%n",
                f.get("idle_room_datagrams_per_s"), f.get("idle_false_losses"));
        out.printf("  lost data partner noticed    p50 %d ms, p99 %d ms   (%d trials)%n",
                f.get("partner_loss_detected_ms_p50"), f.get("partner_loss_detected_ms_p99"), f.get("trials"));
        out.printf("  lost member noticed          p50 %d ms, last of all %d ms%n",
                f.get("member_loss_detected_ms_p50"), f.get("member_loss_detected_ms_max"));
    }
}
