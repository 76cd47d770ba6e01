package org.motormesh.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.motormesh.node.Loopback;

/**
 * Five nodes in five JVMs, real JmDNS on loopback and real UDP: all meet, every pair exchanges messages, a SIGKILLed
 * node is reported lost by all within lease plus one heartbeat, and restarted it rejoins and receives again.
 */
class FiveProcessMeshIT {
    private static final int N = 5;
    private static final long LEASE_PLUS_HEARTBEAT_MS = 1000 + 250;

    @Test
    void shouldMeetExchangeDetectKillAndRejoin() throws Exception {
        Loopback.ensureMulticast();
        String run = Long.toHexString(System.nanoTime() & 0xfffff);
        List<ChildJvm> nodes = new ArrayList<>();
        try {
            for (int i = 0; i < N; i++) {
                nodes.add(new ChildJvm("it" + run + "-" + i));
            }
            for (ChildJvm node : nodes) {
                node.await("READY", 30_000);
            }
            for (ChildJvm node : nodes) {
                for (ChildJvm other : nodes) {
                    if (other != node) {
                        node.await("JOINED " + other.name, 20_000);
                    }
                }
            }
            exchangeAllPairs(nodes);

            ChildJvm victim = nodes.get(N - 1);
            long killedAt = victim.kill();
            for (ChildJvm node : nodes.subList(0, N - 1)) {
                ChildJvm.Line lost = node.await("LOST " + victim.name + " LEASE_EXPIRED", 5_000);
                long ms = (lost.atNanos() - killedAt) / 1_000_000;
                System.out.printf("%s reported %s lost after %d ms%n", node.name, victim.name, ms);
                assertTrue(ms <= LEASE_PLUS_HEARTBEAT_MS, node.name + " took " + ms + " ms to report the loss");
            }

            ChildJvm reborn = new ChildJvm(victim.name);
            nodes.set(N - 1, reborn);
            reborn.await("READY", 30_000);
            for (ChildJvm node : nodes.subList(0, N - 1)) {
                node.await("JOINED " + reborn.name, 20_000);
                reborn.await("JOINED " + node.name, 20_000);
            }
            exchangeAllPairs(nodes);
        } finally {
            for (ChildJvm node : nodes) {
                node.close();
            }
        }
    }

    private static void exchangeAllPairs(List<ChildJvm> nodes) throws InterruptedException {
        try {
            publishAndReceiveAllPairs(nodes);
        } catch (AssertionError e) {
            for (ChildJvm node : nodes) {
                node.send("peers");
            }
            for (ChildJvm node : nodes) {
                System.out.println(node.name + " knows: " + node.linesUntil("STATS", 2_000));
            }
            throw e;
        }
    }

    private static void publishAndReceiveAllPairs(List<ChildJvm> nodes) throws InterruptedException {
        for (ChildJvm node : nodes) {
            node.send("subscribers " + (nodes.size() - 1));
        }
        for (ChildJvm node : nodes) {
            node.await("SUBSCRIBERS " + (nodes.size() - 1), 25_000);
        }
        for (ChildJvm from : nodes) {
            for (ChildJvm to : nodes) {
                if (from != to) {
                    from.send("pub /to/" + to.name + "/x " + from.name.hashCode());
                }
            }
        }
        for (ChildJvm to : nodes) {
            for (ChildJvm from : nodes) {
                if (from != to) {
                    to.await("MSG /to/" + to.name + "/x " + from.name.hashCode() + " " + from.name, 10_000);
                }
            }
        }
    }
}
