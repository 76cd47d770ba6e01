package org.motormesh.cli;

import java.io.PrintWriter;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import org.motormesh.mesh.Json;
import org.motormesh.mesh.PeerView;
import org.motormesh.node.MeshNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code motormesh peers}: discovers for a moment, prints who is in the mesh, exits. */
@Command(name = "peers", mixinStandardHelpOptions = true,
        description = "Discover for a moment, then print a table of name, role, address and RTT.")
public final class PeersCommand implements Callable<Integer> {
    @Mixin
    MeshOptions mesh;

    @Option(names = "--wait-ms", defaultValue = "1500", description = "How long to discover (default: ${DEFAULT-VALUE}).")
    long waitMs;

    @Option(names = "--json", description = "One JSON array of peers.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        List<PeerView> peers;
        try (MeshNode node = new MeshNode(mesh.builder("node").build()).start()) {
            Thread.sleep(waitMs);
            peers = node.peers().stream().sorted(Comparator.comparing(PeerView::name)).toList();
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(peers.stream().map(PeersCommand::toJson).toList().toString());
            return 0;
        }
        out.printf("%-20s %-7s %-21s %9s  %s%n", "NAME", "ROLE", "ADDRESS", "RTT", "ID");
        for (PeerView p : peers) {
            String rtt = p.rttMicros() < 0 ? "-" : String.format("%.2f ms", p.rttMicros() / 1000.0);
            out.printf("%-20s %-7s %-21s %9s  %s%n", p.name(), p.role(), p.address() + ":" + p.port(), rtt, p.nodeId());
        }
        if (peers.isEmpty()) {
            spec.commandLine().getErr().println("no peers found in " + waitMs + " ms");
        }
        return 0;
    }

    private static String toJson(PeerView p) {
        return "{\"name\":" + Json.quote(p.name()) + ",\"role\":" + Json.quote(p.role()) + ",\"id\":"
                + Json.quote(p.nodeId()) + ",\"address\":" + Json.quote(p.address()) + ",\"port\":" + p.port()
                + ",\"rtt_us\":" + p.rttMicros() + "}";
    }
}
