package org.motormesh.app;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import org.motormesh.bridge.BridgeConfig;
import org.motormesh.bridge.BridgeNode;
import org.motormesh.bridge.election.BridgeElection;
import org.motormesh.bridge.link.LinkConfig;
import org.motormesh.bridge.mapping.TopicRules;
import org.motormesh.bridge.outbox.OutboxConfig;
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

    @Option(names = "--up", description = "Mesh topic prefix sent to the channel; repeatable (default: all).")
    List<String> up = new ArrayList<>();

    @Option(names = "--down", description = "Channel topic prefix brought to the mesh; repeatable (default: all).")
    List<String> down = new ArrayList<>();

    @Option(names = "--map", description = "Rename MESH_TOPIC=CHANNEL_TOPIC, both ways; repeatable.")
    List<String> maps = new ArrayList<>();

    @Option(names = "--rate", defaultValue = "" + OutboxConfig.DEFAULT_RATE_PER_TOPIC,
            description = "Messages/s per topic toward the channel; 0 turns coalescing off (default ${DEFAULT-VALUE}).")
    int rate;

    @Option(names = "--queue", defaultValue = "" + OutboxConfig.DEFAULT_CAPACITY,
            description = "Messages held while the channel is unreachable (default ${DEFAULT-VALUE}).")
    int queue;

    @Option(names = "--down-rate", defaultValue = "" + BridgeConfig.DEFAULT_DOWN_PER_TOPIC_PER_S,
            description = "Most messages a second one channel client may bring down on one topic (four times that "
                    + "over all its topics); the rest are dropped and counted, so one page cannot flood the mesh. "
                    + "0 for no limit (default ${DEFAULT-VALUE}).")
    int downRate;

    @Option(names = "--priority", defaultValue = "10", description = "Election priority, higher wins (default ${DEFAULT-VALUE}).")
    int priority;

    @Mixin
    MeshOptions mesh;

    @Option(names = "--status-every", defaultValue = "2", description = "Seconds between status lines; 0 for none (default ${DEFAULT-VALUE}).")
    int statusEvery;

    @Override
    public Integer call() throws Exception {
        Map<String, String> renames = new LinkedHashMap<>();
        maps.forEach(rule -> TopicRules.parseRename(rule, renames));
        TopicRules rules = new TopicRules(up.isEmpty() ? List.of("") : up, down.isEmpty() ? List.of("") : down, renames);
        LinkConfig link = LinkConfig.of(channel, trustFile());
        BridgeConfig config = new BridgeConfig(link, new OutboxConfig(queue, rate, OutboxConfig.DEFAULT_MAX_TOPICS), rules,
                BridgeElection.DEFAULT_SETTLE_MS, downRate);
        ScheduledExecutorService timer = Loops.start("bridge-status");
        BridgeNode bridge = BridgeNode.start(mesh.builder("bridge").channel(channel).priority(priority).build(), config,
                timer);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            bridge.close();
            timer.shutdownNow();
            stopped.countDown();
        }));
        MeshNode node = bridge.node();
        System.out.println("bridge " + node.name() + " (id " + node.id() + ", priority " + priority + ") for " + channel);
        StatusLoop.run(statusEvery, stopped, () -> bridge.bridge().stats().statusLine());
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
