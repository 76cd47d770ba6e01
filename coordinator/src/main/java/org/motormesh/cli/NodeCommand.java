package org.motormesh.cli;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.motormesh.mesh.Loops;
import org.motormesh.mesh.MeshListener;
import org.motormesh.mesh.PeerView;
import org.motormesh.mesh.Values;
import org.motormesh.node.MeshNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code motormesh node}: runs a node until Ctrl-C, logging peers joining and leaving and the messages it gets. */
@Command(name = "node", mixinStandardHelpOptions = true,
        description = "Run a mesh node until Ctrl-C; log peers joining/leaving and messages received.")
public final class NodeCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger("motormesh");
    private static final long REPORT_SECONDS = 10;

    @Mixin
    MeshOptions mesh;

    @Option(names = "--role", defaultValue = "node", description = "motor, bridge or node (default: ${DEFAULT-VALUE}).")
    String role;

    @Option(names = "--sub", paramLabel = "PREFIX", defaultValue = "",
            description = "Topic prefix to subscribe to (repeatable; default: \"\", everything).")
    List<String> prefixes;

    @Override
    public Integer call() throws InterruptedException {
        MeshNode node = new MeshNode(mesh.builder(role).build());
        node.addListener(new MeshListener() {
            @Override
            public void onPeerJoined(PeerView p) {
                LOG.info("peer joined: {} ({}, id {}) at {}:{}", p.name(), p.role(), p.nodeId(), p.address(), p.port());
            }

            @Override
            public void onPeerLost(PeerView p, LossCause cause) {
                LOG.info("peer lost: {} ({})", p.name(), cause.name().toLowerCase().replace('_', ' '));
            }
        });
        node.start();
        for (String prefix : prefixes) {
            node.subscribe(prefix, m -> LOG.info("{} = {}  (from {})", m.topic(), Values.display(m.value()),
                    m.senderName()));
        }
        ScheduledExecutorService timer = Loops.start("drop-report");
        DropReport drops = new DropReport();
        timer.scheduleAtFixedRate(() -> {
            String line = drops.since(node.stats().dropped(), REPORT_SECONDS);
            if (line != null) {
                LOG.warn(line);
            }
        }, REPORT_SECONDS, REPORT_SECONDS, TimeUnit.SECONDS);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            timer.shutdownNow();
            node.close();
            stopped.countDown();
        }, "shutdown"));
        stopped.await();
        return 0;
    }
}
