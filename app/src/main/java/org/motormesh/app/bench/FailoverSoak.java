package org.motormesh.app.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.motormesh.bridge.server.ChannelServer;
import org.motormesh.bridge.server.ChannelServerConfig;
import org.motormesh.mesh.MeshConfig;
import org.motormesh.mesh.Values;
import org.motormesh.node.MeshNode;
import org.motormesh.proto.v1.Qos;

/**
 * The failover part of {@code bench soak}: an embedded channel server (ws://, loopback), a mesh publisher sending
 * QoS 1 values every few ms, and two bridges in child JVMs. The active one is SIGKILLed mid-stream; once the
 * other has taken over, the killed (higher-ranked) one comes back while values still flow. Counts what reached
 * the channel of what the publisher sent, how long the takeover took, and whether the returning bridge stayed
 * standby.
 */
final class FailoverSoak {
    private static final String TOPIC = "/soak/acked";
    private static final Pattern VALUE = Pattern.compile("\"topic\":\"" + TOPIC + "\",\"value\":(\\d+)");
    private static final long EVERY_MS = 5;

    /** Runs it; the figures in the order they were measured. */
    Map<String, Object> run() throws Exception {
        Map<String, Object> f = new LinkedHashMap<>();
        Path dir = Files.createTempDirectory("motormesh-soak");
        SeriesTally upstream = new SeriesTally();
        AtomicLong sent = new AtomicLong();
        AtomicBoolean publishing = new AtomicBoolean(true);
        try (ChannelServer server = new ChannelServer(ChannelServerConfig.of("127.0.0.1", 0, false, dir)).start();
                MeshNode publisher = new MeshNode(MeshConfig.builder().name("soak-pub").interfaceAddress("127.0.0.1")
                        .mdns(false).scoutPort(0).spinMicros(0).build()).start()) {
            server.tap((client, payload) -> {
                Matcher m = VALUE.matcher(payload);
                if (m.find()) {
                    upstream.add(Long.parseLong(m.group(1)));
                }
            });
            String url = server.url("soak").toString();
            String seed = "127.0.0.1:" + publisher.localAddress().getPort();
            try (ChildBridge first = new ChildBridge("soak-bridge-1", url, 10, seed);
                    ChildBridge second = new ChildBridge("soak-bridge-2", url, 5, seed)) {
                require(first.await("-> active", 30_000), "the first bridge did not go active");
                require(second.await("-> standby", 30_000), "the second bridge did not go standby");
                BenchRig.await(() -> publisher.peers().stream().filter(p -> p.subscriptions().contains(""))
                        .count() == 2, "both bridges' subscriptions at the publisher");
                Thread pump = new Thread(() -> {
                    while (publishing.get() && sent.get() < 100_000) {
                        publisher.publish(TOPIC, Values.of(sent.getAndIncrement()), Qos.QOS_ACKED);
                        sleep(EVERY_MS);
                    }
                }, "soak-failover-pub");
                pump.setDaemon(true);
                pump.start();
                BenchRig.await(() -> sent.get() >= 200, "200 values sent");
                long killed = System.nanoTime();
                first.kill();
                boolean tookOver = second.await("-> active", 15_000);
                f.put("failover_takeover_ms", tookOver ? (System.nanoTime() - killed) / 1_000_000 : -1);
                sleep(300);
                try (ChildBridge back = new ChildBridge("soak-bridge-1", url, 10, seed)) {
                    boolean standby = back.await("-> standby", 30_000);
                    sleep(1000);
                    publishing.set(false);
                    pump.join(2000);
                    long n = sent.get();
                    long deadline = System.currentTimeMillis() + 15_000;
                    while (System.currentTimeMillis() < deadline
                            && !(upstream.contains(n - 1) && publisher.unacknowledged() == 0)) {
                        sleep(20);
                    }
                    sleep(300);
                    f.put("failover", upstream.counts(n).json());
                    f.put("failover_returning_bridge_stayed_standby", standby && !back.said("-> active")
                            && !second.said("role active ->"));
                    f.put("failover_peak_links", server.peakConnections());
                }
            }
        } finally {
            publishing.set(false);
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            } catch (IOException e) {
                // a scratch directory left behind is harmless
            }
        }
        return f;
    }

    private static void require(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException("bench soak set-up: " + what);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
