package org.motormesh.app.bench;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.motormesh.mesh.Json;
import org.motormesh.mesh.MeshConfig;
import org.motormesh.mesh.Message;
import org.motormesh.mesh.Values;
import org.motormesh.node.MeshNode;
import org.motormesh.proto.v1.Qos;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code motormesh bench soak}: the faults of issue 11, measured on loopback. Two nodes through an
 * {@link ImpairedLink}: delivered/duplicated/lost per QoS under set loss, duplication and reordering; the heal
 * time after the link is cut for 3 s; a hostile flood into the receiver, then QoS 1 delivered of 100 and the heap.
 * Then {@link FailoverSoak}: two bridges in child JVMs on an embedded channel server, the active one SIGKILLed.
 * Bounded in time and volume; sends only to loopback.
 */
@Command(name = "soak", mixinStandardHelpOptions = true,
        description = "Faults on loopback: QoS 0/1 delivery under loss, duplication and reordering; heal time after "
                + "a 3 s cut; survival of a hostile flood; bridge failover loss (child JVMs).")
public final class SoakBenchmark implements Callable<Integer> {
    private static final String PREFIX = "/soak/";
    private static final long CUT_MS = 3000;
    private static final int AFTER_FLOOD = 100;
    private static final long FLOOD_MAX_MS = 10_000;

    @Option(names = "--loss", defaultValue = "0.2",
            description = "Fraction of datagrams dropped (default ${DEFAULT-VALUE}).")
    double loss;

    @Option(names = "--dup", defaultValue = "0.1", description = "Fraction duplicated (default ${DEFAULT-VALUE}).")
    double dup;

    @Option(names = "--reorder", defaultValue = "0.1",
            description = "Fraction held back behind the next one (default ${DEFAULT-VALUE}).")
    double reorder;

    @Option(names = "--delay-ms", defaultValue = "2",
            description = "Delay of every datagram, plus up to --jitter-ms (default ${DEFAULT-VALUE}).")
    double delayMs;

    @Option(names = "--jitter-ms", defaultValue = "3", description = "Random extra delay (default ${DEFAULT-VALUE}).")
    double jitterMs;

    @Option(names = "--values", defaultValue = "500",
            description = "Values per QoS over the bad link (default ${DEFAULT-VALUE}, at most 100000).")
    int values;

    @Option(names = "--every-ms", defaultValue = "10", description = "Between two values (default ${DEFAULT-VALUE}).")
    int everyMs;

    @Option(names = "--flood", defaultValue = "100000",
            description = "Hostile datagrams, sent within 10 s at most (default ${DEFAULT-VALUE}, at most 10000000).")
    int flood;

    @Option(names = "--flood-forged", description = "Add copies of the link's real frames with bytes flipped to the "
            + "flood (no group key: shows what forged frames under a real sender id do).")
    boolean forged;

    @Option(names = "--no-failover", description = "Skip the failover part (it starts three child JVMs).")
    boolean noFailover;

    @Option(names = "--seed", defaultValue = "1",
            description = "Seed of the link's dice and of the flood (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;

    @Spec
    CommandSpec spec;

    private final Map<String, SeriesTally> received = new ConcurrentHashMap<>();

    @Override
    public Integer call() throws Exception {
        check();
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("loss", loss);
        f.put("dup", dup);
        f.put("reorder", reorder);
        try (MeshNode b = node("soak-rx", null)) {
            b.subscribe(PREFIX, this::onMessage);
            try (ImpairedLink link = new ImpairedLink(b.localAddress(), seed);
                    MeshNode a = node("soak-tx", link.addressForA())) {
                link.start(a.localAddress());
                BenchRig.await(() -> knowsSubscriber(a), "the receiver's subscription at the sender, through the link");
                badLink(a, link, f);
                heal(a, link, f);
                flood(a, b, link, f);
            }
        }
        if (!noFailover) {
            f.putAll(new FailoverSoak().run());
        }
        print(f);
        return 0;
    }

    private void check() {
        for (double p : new double[] {loss, dup, reorder}) {
            if (!(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException("--loss, --dup and --reorder are fractions 0..1");
            }
        }
        if (values < 1 || values > 100_000 || everyMs < 1 || everyMs > 1000 || flood < 0 || flood > 10_000_000
                || delayMs < 0 || jitterMs < 0 || delayMs + jitterMs > 1000) {
            throw new IllegalArgumentException("--values 1..100000, --every-ms 1..1000, --flood 0..10000000, "
                    + "--delay-ms + --jitter-ms <= 1000");
        }
    }

    private static MeshNode node(String name, String seed) {
        MeshConfig.Builder b = MeshConfig.builder().name(name).interfaceAddress("127.0.0.1").mdns(false).scoutPort(0)
                .spinMicros(0);
        if (seed != null) {
            b.seedPeer(seed);
        }
        return new MeshNode(b.build()).start();
    }

    private void onMessage(Message m) {
        try {
            tally(m.topic()).add(Long.parseLong(Values.display(m.value())));
        } catch (NumberFormatException notOurs) {
            // only the soak's own integer series are counted
        }
    }

    private SeriesTally tally(String topic) {
        return received.computeIfAbsent(topic, t -> new SeriesTally());
    }

    /** QoS 1 and QoS 0 series side by side over the impaired link. */
    private void badLink(MeshNode a, ImpairedLink link, Map<String, Object> f) throws InterruptedException {
        link.set(loss, dup, reorder, delayMs, jitterMs);
        for (int i = 0; i < values; i++) {
            a.publish(PREFIX + "q1", Values.of(i), Qos.QOS_ACKED);
            a.publish(PREFIX + "q0", Values.of(i), Qos.QOS_LATEST);
            Thread.sleep(everyMs);
        }
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline && a.unacknowledged() > 0) {
            Thread.sleep(20);
        }
        long last = values - 1;
        deadline = System.currentTimeMillis() + 3000;
        while (System.currentTimeMillis() < deadline && !tally(PREFIX + "q0").contains(last)) {
            Thread.sleep(20);
        }
        Thread.sleep(500);
        f.put("qos1", tally(PREFIX + "q1").counts(values).json());
        f.put("qos1_unacknowledged", a.unacknowledged());
        f.put("qos0", tally(PREFIX + "q0").counts(values).json());
        f.put("qos0_ended_on_last", tally(PREFIX + "q0").contains(last));
        f.put("link", Json.quote(link.counts()));
    }

    /** A clean link cut for 3 s; how long after it comes back until a value sent after that arrives. */
    private void heal(MeshNode a, ImpairedLink link, Map<String, Object> f) throws InterruptedException {
        link.set(0, 0, 0, 0, 0);
        SeriesTally heal = tally(PREFIX + "heal");
        AtomicLong counter = new AtomicLong();
        Thread pump = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted() && counter.get() < 10_000) {
                a.publish(PREFIX + "heal", Values.of(counter.getAndIncrement()), Qos.QOS_LATEST);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "soak-heal-pub");
        pump.setDaemon(true);
        pump.start();
        try {
            BenchRig.await(() -> heal.size() > 0, "values before the cut");
            link.set(1, 0, 0, 0, 0);
            Thread.sleep(CUT_MS);
            long fresh = counter.get();
            long back = System.nanoTime();
            link.set(0, 0, 0, 0, 0);
            long deadline = back + 10_000_000_000L;
            while (System.nanoTime() < deadline && heal.max() < fresh) {
                Thread.sleep(1);
            }
            f.put("heal_ms", heal.max() >= fresh ? (System.nanoTime() - back) / 1_000_000 : -1);
        } finally {
            pump.interrupt();
            pump.join(1000);
        }
    }

    /** Hostile datagrams straight at the receiver, then QoS 1 through the clean link and the heap. */
    private void flood(MeshNode a, MeshNode b, ImpairedLink link, Map<String, Object> f) throws Exception {
        long droppedBefore = b.stats().droppedTotal();
        long receivedBefore = b.stats().received();
        long start = System.nanoTime();
        HostileFlood hostile = new HostileFlood(forged ? link.samples() : List.of(), seed);
        long sent = hostile.send(b.localAddress().getPort(), flood, FLOOD_MAX_MS);
        double seconds = (System.nanoTime() - start) / 1e9;
        long flooded = System.nanoTime();
        long remeetDeadline = flooded + 15_000_000_000L;
        while (System.nanoTime() < remeetDeadline && !knowsSubscriber(a)) {
            Thread.sleep(5);
        }
        f.put("flood_sender_knows_receiver_after_ms",
                knowsSubscriber(a) ? (System.nanoTime() - flooded) / 1_000_000 : -1);
        SeriesTally after = tally(PREFIX + "after");
        for (int i = 0; i < AFTER_FLOOD; i++) {
            a.publish(PREFIX + "after", Values.of(i), Qos.QOS_ACKED);
            Thread.sleep(everyMs);
        }
        long deadline = System.currentTimeMillis() + 15_000;
        while (System.currentTimeMillis() < deadline
                && (a.unacknowledged() > 0 || after.counts(AFTER_FLOOD).lost() > 0)) {
            Thread.sleep(20);
        }
        System.gc();
        Runtime rt = Runtime.getRuntime();
        f.put("flood_datagrams", sent);
        f.put("flood_per_s", Math.round(sent / Math.max(seconds, 1e-6)));
        f.put("flood_read_by_receiver", b.stats().received() - receivedBefore);
        f.put("flood_dropped_by_receiver", b.stats().droppedTotal() - droppedBefore);
        f.put("after_flood_qos1", after.counts(AFTER_FLOOD).json());
        f.put("after_flood_unacknowledged", a.unacknowledged());
        f.put("receiver_drops", Json.quote(b.stats().dropped().toString()));
        f.put("heap_used_mb_after", Math.round((rt.totalMemory() - rt.freeMemory()) / 1e5) / 10.0);
    }

    private static boolean knowsSubscriber(MeshNode a) {
        return a.peers().stream().anyMatch(p -> p.subscriptions().contains(PREFIX));
    }

    private void print(Map<String, Object> f) {
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Figures.json(f));
            return;
        }
        out.printf("motormesh bench soak (loopback; link: %.0f%% loss, %.0f%% dup, %.0f%% reorder, %.0f-%.0f ms)%n",
                loss * 100, dup * 100, reorder * 100, delayMs, delayMs + jitterMs);
        f.forEach((k, v) -> out.printf("  %-42s %s%n", k, v));
    }
}
