package org.motormesh.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.motormesh.mesh.PeerView;
import org.motormesh.node.MeshNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code motormesh ping NAME}: round-trip times to one peer, from its heartbeat echoes. */
@Command(name = "ping", mixinStandardHelpOptions = true,
        description = "Print round-trip times to the peer called NAME (one per heartbeat), then a summary.")
public final class PingCommand implements Callable<Integer> {
    @Mixin
    MeshOptions mesh;

    @Parameters(paramLabel = "NAME")
    String target;

    @Option(names = {"-c", "--count"}, defaultValue = "5", description = "Samples to take (default: ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--wait-ms", defaultValue = "3000", description = "Longest wait to find NAME (default: ${DEFAULT-VALUE}).")
    long waitMs;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        try (MeshNode node = new MeshNode(mesh.builder("node").build()).start()) {
            Optional<PeerView> peer = awaitPeer(node, System.currentTimeMillis() + waitMs);
            if (peer.isEmpty()) {
                throw new IllegalStateException("no peer called '" + target + "' found within " + waitMs + " ms");
            }
            out.printf("PING %s (%s:%d)%n", target, peer.get().address(), peer.get().port());
            List<Long> samples = new ArrayList<>();
            long seen = 0;
            long deadline = System.currentTimeMillis() + 2000L * count + 2000;
            while (samples.size() < count && System.currentTimeMillis() < deadline) {
                Optional<PeerView> now = find(node);
                if (now.isPresent() && now.get().rttSamples() > seen && now.get().rttLastMicros() >= 0) {
                    seen = now.get().rttSamples();
                    samples.add(now.get().rttLastMicros());
                    out.printf("rtt from %s: %.3f ms%n", target, now.get().rttLastMicros() / 1000.0);
                    out.flush();
                }
                Thread.sleep(2);
            }
            summarize(out, samples);
            return samples.size() == count ? 0 : 1;
        }
    }

    private Optional<PeerView> awaitPeer(MeshNode node, long deadline) throws InterruptedException {
        Optional<PeerView> peer = find(node);
        while (peer.isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
            peer = find(node);
        }
        return peer;
    }

    private Optional<PeerView> find(MeshNode node) {
        return node.peers().stream().filter(p -> p.name().equals(target)).findFirst();
    }

    private void summarize(PrintWriter out, List<Long> samples) {
        if (samples.isEmpty()) {
            out.println("no samples");
            return;
        }
        List<Long> sorted = new ArrayList<>(samples);
        Collections.sort(sorted);
        double avg = samples.stream().mapToLong(Long::longValue).average().orElse(0);
        out.printf("--- %s: %d samples, rtt min/avg/p50/max = %.3f/%.3f/%.3f/%.3f ms%n", target, samples.size(),
                sorted.get(0) / 1000.0, avg / 1000.0, sorted.get(sorted.size() / 2) / 1000.0,
                sorted.get(sorted.size() - 1) / 1000.0);
    }
}
