package org.motormesh.app.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import org.motormesh.bridge.Bridge;
import org.motormesh.bridge.BridgeConfig;
import org.motormesh.bridge.link.ChannelProbe;
import org.motormesh.bridge.link.LinkConfig;
import org.motormesh.bridge.link.TlsTrust;
import org.motormesh.bridge.mapping.TopicRules;
import org.motormesh.bridge.outbox.OutboxConfig;
import org.motormesh.bridge.server.ChannelServer;
import org.motormesh.bridge.server.ChannelServerConfig;
import org.motormesh.mesh.MeshConfig;
import org.motormesh.node.MeshNode;

/**
 * Everything the benchmark runs on loopback, started and stopped together: an embedded channel server, a
 * mesh publisher and subscriber, a bridge between them, and two channel clients (sender and receiver).
 */
final class BenchRig implements AutoCloseable {
    static final String DIRECT = "/bench/direct";
    static final String UP = "/bench/up";
    static final String DOWN = "/bench/down";

    final Path dir;
    final ChannelServer server;
    final MeshNode publisher;
    final MeshNode subscriber;
    final MeshNode bridgeNode;
    final Bridge bridge;
    final ChannelProbe sender;
    final ChannelProbe receiver;

    BenchRig(boolean tls) throws Exception {
        dir = Files.createTempDirectory("motormesh-bench");
        server = new ChannelServer(ChannelServerConfig.of("127.0.0.1", 0, tls, dir)).start();
        String url = server.url("bench").toString();
        publisher = node(MeshConfig.builder().name("bench-pub"));
        String seed = "127.0.0.1:" + publisher.localAddress().getPort();
        subscriber = node(MeshConfig.builder().name("bench-sub").seedPeer(seed));
        bridgeNode = node(MeshConfig.builder().name("bench-bridge").role("bridge").channel(url).priority(1).seedPeer(seed));
        LinkConfig link = LinkConfig.of(url, server.certificate());
        TopicRules rules = new TopicRules(List.of(UP), List.of(DOWN), Map.of());
        bridge = new Bridge(new BridgeConfig(link, OutboxConfig.defaults().withRate(0), rules, 0).withDownRate(0), bridgeNode).start();
        SSLContext context = TlsTrust.context(server.certificate());
        sender = new ChannelProbe(link, context).connect();
        receiver = new ChannelProbe(link, context).connect();
    }

    /**
     * Mesh loops here block when idle instead of spinning: three spinning loops in one JVM on a two-core
     * machine starve the WebSocket threads (measured: half the up rate, and UDP loss down).
     */
    private static MeshNode node(MeshConfig.Builder builder) {
        return new MeshNode(builder.interfaceAddress("127.0.0.1").mdns(false).spinMicros(0).build()).start();
    }

    /** Waits until the link is open and the publisher knows the bridge's subscription. */
    void awaitReady() throws InterruptedException {
        await(() -> bridge.stats().link().equals("open"), "the bridge link");
        await(() -> publisher.peers().stream().anyMatch(p -> p.subscriptions().contains(UP)), "the bridge's subscription");
    }

    static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("bench set-up: no " + what + " within 10 s");
            }
            Thread.sleep(5);
        }
    }

    @Override
    public void close() throws IOException {
        sender.close();
        receiver.close();
        bridge.close();
        bridgeNode.close();
        subscriber.close();
        publisher.close();
        server.close();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
