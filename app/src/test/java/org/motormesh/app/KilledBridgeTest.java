package org.motormesh.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.motormesh.bridge.Bridge;
import org.motormesh.bridge.BridgeConfig;
import org.motormesh.bridge.TestMesh;
import org.motormesh.bridge.election.ElectionRole;
import org.motormesh.bridge.link.Backoff;
import org.motormesh.bridge.link.LinkConfig;
import org.motormesh.bridge.mapping.TopicRules;
import org.motormesh.bridge.outbox.OutboxConfig;
import org.motormesh.bridge.server.ChannelServer;
import org.motormesh.bridge.server.ChannelServerConfig;
import org.motormesh.node.Loopback;
import org.motormesh.node.MeshNode;
import org.motormesh.proto.v1.Qos;
import org.motormesh.proto.v1.Value;

/** The active bridge is a real `motormesh bridge` process, killed with SIGKILL: the standby takes over by lease. */
class KilledBridgeTest {
    @TempDir
    Path configDir;

    @Test
    void shouldTakeOverFromKilledProcessWithinLeasePlusConnect() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        Process active = null;
        try (ChannelServer server = new ChannelServer(ChannelServerConfig.of("127.0.0.1", 0, true, configDir)).start();
                TestMesh mesh = new TestMesh()) {
            server.tap((clientId, payload) -> seen.add(payload));
            String url = server.url("classroom").toString();
            MeshNode publisher = mesh.node("pub-k", List.of());
            String seed = TestMesh.seed(publisher);
            active = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), "org.motormesh.app.Main", "bridge",
                    "--channel", url, "--trust-cert", server.certificate().toString(), "--rate", "0",
                    "--interface", "127.0.0.1", "--no-mdns", "--peer", seed, "--name", "bridge-proc",
                    "--priority", "20", "--status-every", "0").redirectErrorStream(true)
                    .redirectOutput(configDir.resolve("bridge-proc.log").toFile()).start();
            Loopback.await(() -> server.connections() == 1, 30_000, "the process bridge on the channel");

            MeshNode standbyNode = mesh.bridgeNode("bridge-standby", url, 5, List.of(seed));
            LinkConfig link = LinkConfig.of(url, server.certificate()).withBackoff(new Backoff(50, 200));
            Bridge standby = mesh.track(new Bridge(new BridgeConfig(link, OutboxConfig.defaults().withRate(0),
                    TopicRules.all(), 500), standbyNode).start());
            Loopback.await(() -> standby.role() == ElectionRole.STANDBY, 5000, "standby sees the active bridge");
            Loopback.await(() -> publisher.peers().size() == 2, 5000, "publisher knows both bridges");
            Thread.sleep(300);

            long killedNs = 0;
            long openedNs = 0;
            for (int n = 0; n < 400; n++) {
                if (killedNs != 0 && openedNs == 0 && standby.stats().link().equals("open")) {
                    openedNs = System.nanoTime();
                }
                publisher.publish("/count", Value.newBuilder().setInteger(n).build(), Qos.QOS_LATEST);
                Thread.sleep(5);
                if (n == 100) {
                    active.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                    killedNs = System.nanoTime();
                }
            }
            Loopback.await(() -> standby.stats().link().equals("open"), 5000, "standby link open");
            long takeoverMs = ((openedNs == 0 ? System.nanoTime() : openedNs) - killedNs) / 1_000_000;
            Loopback.await(() -> seen.contains("{\"topic\":\"/count\",\"value\":399}"), 5000, "last value through the standby");

            assertTrue(seen.size() > 100, "the process bridge relayed before it was killed: " + seen.size());
            assertEquals(seen.size(), new HashSet<>(seen).size(), "no duplicate upstream");
            assertEquals(1, server.peakConnections(), "never two bridge connections at once");
            assertTrue(takeoverMs < 2500, "taken over " + takeoverMs + " ms after the kill (lease 1000 ms + connect)");
            System.out.println("take-over after SIGKILL: " + takeoverMs + " ms");
        } finally {
            if (active != null) {
                active.destroyForcibly();
            }
        }
    }
}
