package org.motormesh.app;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.ScheduledExecutorService;
import org.motormesh.bridge.BridgeConfig;
import org.motormesh.bridge.BridgeNode;
import org.motormesh.bridge.election.BridgeElection;
import org.motormesh.bridge.link.LinkConfig;
import org.motormesh.bridge.server.ServerKeys;
import org.motormesh.cli.MeshOptions;
import org.motormesh.mesh.Loops;
import org.motormesh.node.MeshNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code motormesh bridge}: joins the mesh and, when elected, holds the one link to the classroom channel. */
@Command(name = "bridge", mixinStandardHelpOptions = true,
        description = "Bridge the mesh and a classroom channel (one active bridge per channel, elected on the mesh).")
public final class BridgeCommand implements Callable<Integer> {
    static final String LOCAL_CHANNEL = "wss://localhost:47080/local/api/channels/classroom";

    @Option(names = "--channel", defaultValue = LOCAL_CHANNEL,
            description = "Channel URL, ws:// or wss:// (default: the local channel-server, ${DEFAULT-VALUE}).")
    String channel;

    @Option(names = "--trust-cert", description = "Also trust this certificate file (a self-signed channel server).")
    Path trustCert;

    @Mixin
    MeshOptions mesh;

    @Mixin
    UplinkOptions uplink;

    @Override
    public Integer call() throws Exception {
        LinkConfig link = LinkConfig.of(channel, trustFile());
        BridgeConfig config = new BridgeConfig(link, uplink.outbox(), uplink.rules(), BridgeElection.DEFAULT_SETTLE_MS,
                uplink.downRate);
        ScheduledExecutorService timer = Loops.start("bridge-status");
        BridgeNode bridge = BridgeNode.start(mesh.builder("bridge").channel(channel).priority(uplink.priority).build(), config,
                timer);
        MeshNode node = bridge.node();
        System.out.println("bridge " + node.name() + " (id " + node.id() + ", priority " + uplink.priority + ") for " + channel);
        StatusLoop.untilStopped(uplink.statusEvery, () -> {
            bridge.close();
            timer.shutdownNow();
        }, () -> bridge.bridge().stats().statusLine());
        return 0;
    }

    /** The explicit --trust-cert, or for a loopback channel the local channel-server's own certificate. */
    private Path trustFile() {
        if (trustCert != null) {
            return trustCert;
        }
        String host = URI.create(channel).getHost();
        Path local = ServerKeys.defaultDir().resolve("channel-server.crt");
        boolean loopback = "localhost".equals(host) || "127.0.0.1".equals(host);
        return loopback && Files.isRegularFile(local) ? local : null;
    }
}
