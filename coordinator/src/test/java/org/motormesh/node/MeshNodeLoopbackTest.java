package org.motormesh.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.motormesh.mesh.Message;
import org.motormesh.proto.v1.Qos;
import org.motormesh.proto.v1.Value;

/** Two real nodes in one JVM on loopback: real JmDNS, real UDP. */
class MeshNodeLoopbackTest {

    @Test
    void shouldDiscoverByMdnsAndDeliverBothWays() throws Exception {
        Loopback.ensureMulticast();
        try (MeshNode a = Loopback.node("lb-a-" + ProcessHandle.current().pid()).start();
             MeshNode b = Loopback.node("lb-b-" + ProcessHandle.current().pid()).start()) {
            BlockingQueue<Message> atA = new LinkedBlockingQueue<>();
            BlockingQueue<Message> atB = new LinkedBlockingQueue<>();
            a.subscribe("/to-a", atA::add);
            b.subscribe("/to-b", atB::add);
            long t0 = System.nanoTime();
            Loopback.await(() -> a.peers().size() == 1 && b.peers().size() == 1, 10_000, "a and b to meet");
            System.out.printf("met after %d ms%n", (System.nanoTime() - t0) / 1_000_000);
            Loopback.await(() -> a.peers().get(0).subscriptions().contains("/to-b")
                    && b.peers().get(0).subscriptions().contains("/to-a"), 5_000, "subscriptions to spread");
            a.publish("/to-b/x", Value.newBuilder().setInteger(42).build(), Qos.QOS_ACKED);
            b.publish("/to-a/y", Value.newBuilder().setText("hi").build(), Qos.QOS_LATEST);
            Message m1 = atB.poll(5, TimeUnit.SECONDS);
            Message m2 = atA.poll(5, TimeUnit.SECONDS);
            assertEquals(42, m1.value().getInteger());
            assertEquals(a.id(), m1.senderId());
            assertEquals("hi", m2.value().getText());
            Loopback.await(() -> a.unacknowledged() == 0, 5_000, "ack");
            Loopback.await(() -> a.peers().get(0).rttMicros() > 0, 5_000, "an RTT sample");
            assertTrue(a.stats().sent() > 0);
        }
    }
}
