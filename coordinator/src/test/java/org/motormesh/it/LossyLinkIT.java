package org.motormesh.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.motormesh.mesh.MeshConfig;
import org.motormesh.mesh.Values;
import org.motormesh.node.Loopback;
import org.motormesh.node.MeshNode;
import org.motormesh.proto.v1.Qos;

/**
 * Two real nodes over real UDP through a relay that drops 20%, duplicates 10% and reorders 10% of datagrams
 * both ways: QoS 1 delivers every message exactly once, QoS 0 never goes back and ends on the last value.
 */
class LossyLinkIT {
    private static final int ACKED = 300;
    private static final int LATEST = 300;

    @Test
    void shouldDeliverAckedExactlyOnceAndConvergeLatestOverABadLink() throws Exception {
        String run = Long.toHexString(System.nanoTime() & 0xfffff);
        Map<Long, Integer> acked = new ConcurrentHashMap<>();
        List<Long> latest = new CopyOnWriteArrayList<>();
        try (MeshNode b = new MeshNode(MeshConfig.builder().name("lossy-b-" + run).interfaceAddress("127.0.0.1")
                .mdns(false).scoutPort(0).build()).start()) {
            b.subscribe("/q", m -> acked.merge(m.value().getInteger(), 1, Integer::sum));
            b.subscribe("/k", m -> latest.add(m.value().getInteger()));
            try (LossyUdpRelay relay = new LossyUdpRelay(b.localAddress(), 42, 0.2, 0.1, 0.1);
                 MeshNode a = new MeshNode(MeshConfig.builder().name("lossy-a-" + run).interfaceAddress("127.0.0.1")
                         .mdns(false).scoutPort(0).seedPeer("127.0.0.1:" + relay.aliasOfB().getPort()).build()).start()) {
                Loopback.await(() -> a.peers().stream().anyMatch(p -> p.subscriptions().containsAll(List.of("/q", "/k"))),
                        5_000, "a to learn b's subscriptions");
                relay.faulty(true);
                for (int i = 0; i < ACKED; i++) {
                    a.publish("/q", Values.of(i), Qos.QOS_ACKED);
                    a.publish("/k", Values.of(i), Qos.QOS_LATEST);
                    Thread.sleep(2);
                }
                Loopback.await(() -> acked.size() == ACKED && a.unacknowledged() == 0, 20_000,
                        "every acked message delivered and acknowledged");
                Loopback.await(() -> !latest.isEmpty() && latest.get(latest.size() - 1) == LATEST - 1, 5_000,
                        "the latest value to converge");
                assertTrue(acked.values().stream().allMatch(n -> n == 1), "each acked message exactly once");
                for (int i = 1; i < latest.size(); i++) {
                    assertTrue(latest.get(i) > latest.get(i - 1), "latest went back at " + i + ": " + latest);
                }
                assertTrue(relay.dropped.get() > 0 && relay.duplicated.get() > 0 && relay.reordered.get() > 0,
                        "the link was bad: " + relay.dropped + " dropped, " + relay.duplicated + " duplicated, "
                                + relay.reordered + " reordered");
                assertTrue(a.stats().retransmits() > 0, "loss forced retransmissions");
                assertEquals(1, b.peers().size(), "the peer stayed live through the bad link");
            }
        }
    }
}
