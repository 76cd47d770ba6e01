package org.motormesh.app.bench;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.motormesh.mesh.MeshConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code motormesh bench core}: on loopback, in one run and interleaved round by round, mesh pub→sub→reply RTT
 * (driven from the handlers, and published from an application thread) against raw Java UDP ping-pong measured
 * with no mesh node alive, and mesh discovery of a new node against plain JmDNS registration-to-discovery.
 */
@Command(name = "core", mixinStandardHelpOptions = true,
        description = "Mesh RTT vs raw UDP, mesh discovery vs plain JmDNS, side by side on loopback.")
public final class CoreBenchmark implements Callable<Integer> {
    /** Enough round trips for the JIT to compile both paths fully before anything is measured. */
    private static final int WARMUP_ROUNDS = 4;
    private static final int WARMUP_ROUND_TRIPS = 10_000;

    @Option(names = "--count", defaultValue = "20000", description = "Round trips per kind (default: ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--rounds", defaultValue = "5", description = "Alternating rounds (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--trials", defaultValue = "7", description = "Discovery trials per kind (default: ${DEFAULT-VALUE}).")
    int trials;

    @Option(names = "--peers", defaultValue = "4", description = "Running peers for discovery (default: ${DEFAULT-VALUE}).")
    int peers;

    @Option(names = "--spin-us", description = "The mesh nodes' busy-poll window after traffic, 0 for none "
            + "(default: the node default, " + MeshConfig.DEFAULT_SPIN_MICROS + ").")
    long spinMicros = MeshConfig.DEFAULT_SPIN_MICROS;

    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (count < rounds || rounds < 1 || trials < 1 || peers < 1) {
            throw new IllegalArgumentException("need count >= rounds >= 1, trials >= 1, peers >= 1");
        }
        String runId = Long.toHexString(System.nanoTime() & 0xffffff);
        int perRound = count / rounds;
        long[] mesh = new long[perRound * rounds];
        long[] app = new long[0];
        long[] raw = new long[perRound * rounds];
        int size = 0;
        // Each round starts the two nodes, measures them, and stops them before the raw UDP baseline runs, so
        // the baseline never shares the machine with a live mesh loop.
        for (int r = -WARMUP_ROUNDS; r < rounds; r++) {
            boolean warm = r < 0;
            int n = warm ? WARMUP_ROUND_TRIPS : perRound;
            try (RttProbe probe = new RttProbe(spinMicros)) {
                size = probe.meshDatagramSize();
                long[] m = probe.mesh(n);
                long[] a = probe.app(n);
                if (!warm) {
                    System.arraycopy(m, 0, mesh, r * perRound, perRound);
                    app = concat(app, a);
                }
            }
            long[] u = RttProbe.raw(n, size);
            if (!warm) {
                System.arraycopy(u, 0, raw, r * perRound, perRound);
            }
        }
        Percentiles meshP = new Percentiles(mesh);
        Percentiles appP = new Percentiles(app);
        Percentiles rawP = new Percentiles(raw);
        Percentiles disc = new Percentiles(DiscoveryProbe.mesh(peers, trials, runId));
        Percentiles plain = new Percentiles(DiscoveryProbe.jmdns(peers, trials, runId));
        long together = DiscoveryProbe.simultaneous(peers + 1, runId);
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("rtt_p50_us", meshP.p(50));
        figures.put("rtt_p99_us", meshP.p(99));
        figures.put("raw_rtt_p50_us", rawP.p(50));
        figures.put("raw_rtt_p99_us", rawP.p(99));
        figures.put("rtt_p50_ratio", Math.round(100.0 * meshP.p(50) / Math.max(1, rawP.p(50))) / 100.0);
        figures.put("rtt_p99_ratio", Math.round(100.0 * meshP.p(99) / Math.max(1, rawP.p(99))) / 100.0);
        figures.put("app_rtt_p50_us", appP.p(50));
        figures.put("app_rtt_p99_us", appP.p(99));
        figures.put("app_rtt_p50_ratio", Math.round(100.0 * appP.p(50) / Math.max(1, rawP.p(50))) / 100.0);
        figures.put("app_rtt_p99_ratio", Math.round(100.0 * appP.p(99) / Math.max(1, rawP.p(99))) / 100.0);
        figures.put("app_lost", meshP.count() - appP.count());
        figures.put("round_trips", meshP.count());
        figures.put("datagram_bytes", size);
        figures.put("spin_us", spinMicros);
        figures.put("discovery_p50_ms", disc.p(50));
        figures.put("discovery_max_ms", disc.p(100));
        figures.put("jmdns_discovery_p50_ms", plain.p(50));
        figures.put("jmdns_discovery_max_ms", plain.p(100));
        figures.put("started_together_full_mesh_ms", together);
        figures.put("discovery_trials", trials);
        figures.put("running_peers", peers);
        print(figures);
        return 0;
    }

    private static long[] concat(long[] a, long[] b) {
        long[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    private void print(Map<String, Object> f) {
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Figures.json(f));
            return;
        }
        out.printf("motormesh bench core (loopback, %d round trips each, %d-byte datagrams, interleaved, "
                + "mesh loops poll %d us after traffic; raw UDP with no node alive)%n", f.get("round_trips"),
                f.get("datagram_bytes"), f.get("spin_us"));
        out.printf("  RTT p50   mesh %6d us   raw UDP %6d us   ratio %s (target <= 1.3)%n",
                f.get("rtt_p50_us"), f.get("raw_rtt_p50_us"), f.get("rtt_p50_ratio"));
        out.printf("  RTT p99   mesh %6d us   raw UDP %6d us   ratio %s%n",
                f.get("rtt_p99_us"), f.get("raw_rtt_p99_us"), f.get("rtt_p99_ratio"));
        out.printf("  app RTT p50  %6d us   p99 %6d us   ratio to raw %s / %s (published from an application "
                + "thread, as users call it; %d lost)%n", f.get("app_rtt_p50_us"), f.get("app_rtt_p99_us"),
                f.get("app_rtt_p50_ratio"), f.get("app_rtt_p99_ratio"), f.get("app_lost"));
        out.printf("  discovery p50  mesh %5d ms   plain JmDNS %5d ms   (new node known to %d peers; target <= 250)%n",
                f.get("discovery_p50_ms"), f.get("jmdns_discovery_p50_ms"), f.get("running_peers"));
        out.printf("  discovery max  mesh %5d ms   plain JmDNS %5d ms   (%d trials)%n",
                f.get("discovery_max_ms"), f.get("jmdns_discovery_max_ms"), f.get("discovery_trials"));
        out.printf("  %d nodes started together know each other after %d ms%n",
                (int) f.get("running_peers") + 1, f.get("started_together_full_mesh_ms"));
    }
}
