package org.motormesh.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.motormesh.mesh.Values;
import org.motormesh.node.Loopback;
import org.motormesh.node.MeshNode;
import org.motormesh.proto.v1.Qos;

/**
 * The broker restarts while the mesh keeps publishing: the link holds what it could not send in its outbox, says the
 * broker is away, reconnects by itself and sends everything, in order, once. A subscriber with a persistent session
 * (a Node-RED flow) sees the whole sequence.
 */
class BrokerRestartTest {
    private static final int BEFORE = 40;
    private static final int DURING = 120;

    @TempDir
    Path dir;

    @Test
    void shouldDeliverWhatWasBufferedDuringABrokerRestartInOrder() throws Exception {
        try (LocalMosquitto broker = Mosquitto.startPersistent(dir); Room room = new Room("lab")) {
            MeshNode pub = room.node("pub");
            MqttLinkNode link = room.link("link", MqttLinkTest.config(broker.port(), 5), 10);
            MqttLinkTest.awaitOpen(link);
            MqttLinkTest.awaitSubscriber(pub, "lab-link");
            MqttProbe flow = room.track(MqttProbe.connect(broker.port(), "motormesh/seq", true, "node-red-flow"));
            for (int i = 0; i < BEFORE; i++) {
                pub.publish("seq", Values.of(i), Qos.QOS_ACKED);
                Thread.sleep(5);
            }
            Loopback.await(() -> flow.payloads("motormesh/seq").size() >= BEFORE, 10_000, "the values before");

            broker.stop();
            assertTrue(java.nio.file.Files.exists(dir.resolve("mosquitto.db")), "the broker saved the flow's session");
            Loopback.await(() -> link.link().stats().link().equals("down"), 10_000, "the link to see the broker gone");
            assertTrue(link.link().lastProblem().contains("broker"), "says why: " + link.link().lastProblem());
            for (int i = BEFORE; i < BEFORE + DURING; i++) {
                pub.publish("seq", Values.of(i), Qos.QOS_ACKED);
                Thread.sleep(5);
            }
            Loopback.await(() -> link.link().stats().queued() == DURING, 10_000,
                    "the outage's values held in order: " + link.link().stats().statusLine());

            long restartedAt = System.nanoTime();
            broker.restart();
            Loopback.await(() -> flow.payloads("motormesh/seq").size() >= BEFORE + DURING, 20_000,
                    "everything after the restart: " + flow.payloads("motormesh/seq").size() + "; "
                    + link.link().stats().statusLine() + "; broker log: " + java.nio.file.Files.readString(broker.log()));
            long ms = (System.nanoTime() - restartedAt) / 1_000_000;
            Thread.sleep(300);
            List<String> expected = new ArrayList<>();
            IntStream.range(0, BEFORE + DURING).forEach(i -> expected.add(Integer.toString(i)));
            assertEquals(expected, flow.payloads("motormesh/seq"), "every value once, in order");
            assertEquals(0, link.link().stats().queued());
            System.out.printf("[figure] broker restart: %d values held during the outage, all delivered in order "
                    + "%d ms after the broker came back%n", DURING, ms);
        }
    }
}
