package org.motormesh.app.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;
import org.motormesh.mesh.Json;
import org.motormesh.mesh.MeshConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code motormesh bench compare}: pub→sub→reply round trips on loopback, timed on the application thread, for
 * the mesh, raw UDP, MQTT QoS 0 through a Mosquitto of its own (when installed) and the embedded channel relay,
 * interleaved round by round in one run so that every path meets the same machine load.
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Round trips from an application thread: mesh vs raw UDP vs MQTT (Mosquitto) vs the channel "
                + "relay, interleaved on loopback.")
public final class CompareBenchmark implements Callable<Integer> {
    /** The goal of issue 12: the mesh at least this many times faster than MQTT and the channel relay. */
    static final double GOAL = 3.0;

    @Option(names = "--count", defaultValue = "10000", description = "Measured round trips per path (default: ${DEFAULT-VALUE}).")
    int count;

    /**
     * Many short rounds: load from other processes comes in bursts of seconds, so every path must be sampled all
     * through the run for their tails to be comparable (five long rounds let a burst land on one path's round).
     */
    @Option(names = "--rounds", defaultValue = "100", description = "Interleaved rounds, each path in turn "
            + "(default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--warmup", defaultValue = "10000", description = "Unmeasured round trips per path first, "
            + "interleaved too, so the JIT has compiled every path (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--gap-us", defaultValue = "0", description = "Pause between round trips, as a paced sender "
            + "(default: ${DEFAULT-VALUE}, back to back).")
    long gapMicros;

    @Option(names = "--spin-us", description = "The mesh nodes' busy-poll window after traffic, 0 for none "
            + "(default: the node default, " + MeshConfig.DEFAULT_SPIN_MICROS + ").")
    long spinMicros = MeshConfig.DEFAULT_SPIN_MICROS;

    @Option(names = "--mosquitto", description = "The mosquitto executable (default: found on the PATH or in sbin).")
    Path mosquitto;

    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (count < rounds || rounds < 1 || warmup < 0 || gapMicros < 0) {
            throw new IllegalArgumentException("need count >= rounds >= 1, warmup >= 0, gap-us >= 0");
        }
        Map<String, Object> figures = new LinkedHashMap<>();
        Optional<Path> broker = mosquitto != null ? Optional.of(mosquitto) : Mosquitto.find();
        List<RoundTrip> paths = new ArrayList<>();
        Mosquitto running = null;
        try {
            MeshRoundTrip mesh = new MeshRoundTrip(spinMicros);
            paths.add(mesh);
            int size = mesh.datagramSize();
            figures.put("datagram_bytes", size);
            paths.add(new UdpRoundTrip(size));
            if (broker.isPresent()) {
                running = Mosquitto.start(broker.get());
                paths.add(new MqttRoundTrip(running.port()));
            } else {
                figures.put("mqtt_note", "skipped: mosquitto is not installed (Debian: apt-get install mosquitto)");
            }
            paths.add(new ChannelRoundTrip());
            measure(paths, figures);
        } finally {
            for (RoundTrip p : paths) {
                try {
                    p.close();
                } catch (IOException | RuntimeException e) {
                    spec.commandLine().getErr().println("motormesh: closing " + p.key() + ": " + e.getMessage());
                }
            }
            if (running != null) {
                running.close();  // the broker is stopped even when a path failed to close
            }
        }
        print(figures);
        return 0;
    }

    private void measure(List<RoundTrip> paths, Map<String, Object> figures) throws Exception {
        int perRound = count / rounds;
        int n = paths.size();
        long[][] samples = new long[n][perRound * rounds];
        int[] kept = new int[n];
        int[] lost = new int[n];
        int seq = warmUp(paths);
        for (int r = 0; r < rounds; r++) {
            for (int k = 0; k < n; k++) {
                int at = (k + r) % n;  // a different path goes first each round
                for (int i = 0; i < perRound; i++) {
                    long ns = paths.get(at).once(seq++);
                    if (ns < 0) {
                        lost[at]++;
                    } else {
                        samples[at][kept[at]++] = ns;
                    }
                    pause();
                }
            }
        }
        for (int k = 0; k < n; k++) {
            summarize(paths.get(k).key(), new Percentiles(Arrays.copyOf(samples[k], kept[k])), lost[k], figures);
        }
        figures.put("round_trips", perRound * rounds);
        figures.put("rounds", rounds);
        figures.put("gap_us", gapMicros);
        figures.put("spin_us", spinMicros);
        boolean met = true;
        for (String other : List.of("mqtt", "channel")) {
            for (String q : List.of("p50", "p99")) {
                met &= figures.get(other + "_" + q + "_ratio") instanceof Double d && d >= GOAL;
            }
        }
        figures.put("goal_3x_met", met);
    }

    /** Unmeasured round trips on every path, in two interleaved halves; returns the next sequence number. */
    private int warmUp(List<RoundTrip> paths) throws Exception {
        int seq = 0;
        for (int r = 0; r < 2; r++) {
            for (RoundTrip p : paths) {
                for (int i = 0; i < warmup / 2; i++) {
                    p.once(seq++);
                    pause();
                }
            }
        }
        return seq;
    }

    /** A path's p50/p99 in microseconds and its losses; for the others, each figure over the mesh's (put first). */
    private static void summarize(String key, Percentiles p, int lost, Map<String, Object> figures) {
        double p50 = p.p(50) / 1000.0;
        double p99 = p.p(99) / 1000.0;
        figures.put(key + "_p50_us", Figures.round2(p50));
        figures.put(key + "_p90_us", Figures.round2(p.p(90) / 1000.0));
        figures.put(key + "_p99_us", Figures.round2(p99));
        figures.put(key + "_lost", lost);
        if (!key.equals("mesh")) {
            figures.put(key + "_p50_ratio", Figures.round2(p50 / ((double) figures.get("mesh_p50_us"))));
            figures.put(key + "_p99_ratio", Figures.round2(p99 / ((double) figures.get("mesh_p99_us"))));
        }
    }

    private void pause() {
        if (gapMicros > 0) {
            LockSupport.parkNanos(gapMicros * 1000);
        }
    }


    private void print(Map<String, Object> f) {
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            StringBuilder s = new StringBuilder("{");
            f.forEach((k, v) -> s.append(s.length() > 1 ? "," : "").append(Json.quote(k)).append(':')
                    .append(v instanceof String text ? Json.quote(text) : v));
            out.println(s.append('}'));
            return;
        }
        out.printf(Locale.ROOT, "motormesh bench compare (loopback, %d round trips per path from the application "
                + "thread, %d interleaved rounds, %d-byte mesh/UDP datagrams)%n", f.get("round_trips"), f.get("rounds"),
                f.get("datagram_bytes"));
        out.printf(Locale.ROOT, "  %-40s %9s %9s %9s %10s %10s %5s%n", "path", "p50 us", "p90 us", "p99 us",
                "p50 x mesh", "p99 x mesh", "lost");
        row(out, f, "mesh", "mesh (MeshNode.publish, handler reply)");
        row(out, f, "udp", "raw UDP (blocking DatagramSocket)");
        if (f.containsKey("mqtt_p50_us")) {
            row(out, f, "mqtt", "MQTT QoS 0 via Mosquitto");
        } else {
            out.printf("  %-40s %s%n", "MQTT QoS 0 via Mosquitto", f.get("mqtt_note"));
        }
        row(out, f, "channel", "channel relay (WebSocket pair)");
        out.printf("  goal: mesh >= %.0fx faster than MQTT and the channel relay at p50 and p99: %s%n", GOAL,
                Boolean.TRUE.equals(f.get("goal_3x_met")) ? "met" : "NOT met");
    }

    private static void row(PrintWriter out, Map<String, Object> f, String key, String label) {
        Object r50 = f.getOrDefault(key + "_p50_ratio", "1.0");
        Object r99 = f.getOrDefault(key + "_p99_ratio", "1.0");
        out.printf(Locale.ROOT, "  %-40s %9s %9s %9s %10s %10s %5s%n", label, f.get(key + "_p50_us"),
                f.get(key + "_p90_us"), f.get(key + "_p99_us"), r50, r99, f.get(key + "_lost"));
    }
}
