package org.motormesh.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.motormesh.mesh.MeshConfig;
import org.motormesh.mesh.MeshStats;
import org.motormesh.mesh.Values;
import org.motormesh.proto.FrameEncoder;
import org.motormesh.proto.v1.Frame;
import org.motormesh.proto.v1.Hello;
import org.motormesh.proto.v1.Qos;

/**
 * Issue 11.3 over real sockets: a flood of Hellos from made-up ids (which anyone can send from a spoofed source)
 * must neither grow the node's tables without bound nor make it send the source more bytes than it received, and
 * a real peer still joins and gets its values afterwards.
 */
class StrangerFloodTest {
    private static final int HELLOS = Integer.getInteger("motormesh.flood.hellos", 20_000);

    @Test
    void shouldStayBoundedAndNeverAnswerStrangersWithMoreThanTheySent() throws Exception {
        String run = Long.toHexString(System.nanoTime() & 0xffff);
        try (MeshNode target = node("flood-t-" + run, null).start();
             DatagramSocket flooder = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            // a node with news to tell: three topics' values and a known peer, as in a classroom
            try (MeshNode friend = node("flood-f-" + run, target).start()) {
                // its answer to our probe echoes our send time: verified (and measured) before the flood starts
                Loopback.await(() -> target.peers().size() == 1 && target.peers().get(0).rttSamples() > 0, 15_000,
                        "a first peer, verified");
                for (String topic : new String[] {"/SM/a/angle", "/SM/b/angle", "/LEGO/c"}) {
                    target.publish(topic, Values.text("a value long enough to be worth reflecting, " + topic),
                            Qos.QOS_LATEST);
                }
                AtomicLong back = new AtomicLong();
                Thread counter = new Thread(() -> countReplies(flooder, back), "flood-replies");
                counter.setDaemon(true);
                counter.start();
                Runtime rt = Runtime.getRuntime();
                long in = flood(flooder, target.localAddress());
                long peak = 0;
                long deadline = System.currentTimeMillis() + 4_000;
                while (System.currentTimeMillis() < deadline) {
                    peak = Math.max(peak, target.peers().size());
                    Thread.sleep(50);
                }
                flooder.close();
                counter.join(2_000);
                MeshStats stats = target.stats();
                System.out.printf("flood of %d stranger Hellos: peak peer table %d, bytes in %d, bytes back %d "
                        + "(%.2fx), heap used %d MB, bounded %s, dropped %s%n", HELLOS, peak, in, back.get(),
                        back.get() / (double) in, (rt.totalMemory() - rt.freeMemory()) >> 20, stats.bounded(),
                        stats.dropped());
                assertTrue(back.get() <= in, "bytes back " + back.get() + " > bytes in " + in);
                assertTrue(peak <= 1 + org.motormesh.engine.MeshEngine.MAX_UNVERIFIED + 1,
                        "peer table grew to " + peak);
                // the real peer is in the table after the flood (it survived, or its seed search brought it back)
                Loopback.await(() -> target.peers().stream().anyMatch(p -> p.name().equals(friend.name())), 5_000,
                        "the real peer in the table after the flood");
            }
            // a real peer meeting the node after the flood still gets the current values
            try (MeshNode late = node("flood-l-" + run, target).start()) {
                java.util.Set<String> got = java.util.concurrent.ConcurrentHashMap.newKeySet();
                late.subscribe("/SM/", m -> got.add(m.topic()));
                try {
                    Loopback.await(() -> got.size() == 2, 10_000, "the late joiner's current values");
                } catch (AssertionError e) {
                    throw new AssertionError(e.getMessage() + "; got " + got + "; node " + target.stats() + "; late "
                            + late.stats(), e);
                }
                assertEquals(2, got.size());
            }
        }
    }

    private static MeshNode node(String name, MeshNode seed) {
        MeshConfig.Builder b = MeshConfig.builder().name(name).interfaceAddress("127.0.0.1").mdns(false).scoutPort(0);
        if (seed != null) {
            b.seedPeer("127.0.0.1:" + seed.localAddress().getPort());
        }
        return new MeshNode(b.build());
    }

    /** Sends the Hellos, each from a new made-up id asking for an answer and for every topic; returns bytes sent. */
    private static long flood(DatagramSocket socket, InetSocketAddress to) throws Exception {
        FrameEncoder encoder = new FrameEncoder(null);
        long bytes = 0;
        for (int i = 0; i < HELLOS; i++) {
            byte[] hello = encoder.encode(Frame.newBuilder().setSenderId(String.format("f10d%08x", i))
                    .setBootEpoch(1).setSeq(1).setSentTimeUs(i + 1L).setHello(Hello.newBuilder().setName("x")
                            .setPort(socket.getLocalPort()).setProtocolVersion(3).addSubscriptions("")
                            .setReplyRequested(true)).build());
            socket.send(new DatagramPacket(hello, hello.length, to));
            bytes += hello.length;
            if (i % 50 == 0) {
                Thread.sleep(1);
            }
        }
        return bytes;
    }

    private static void countReplies(DatagramSocket socket, AtomicLong bytes) {
        byte[] buffer = new byte[2048];
        try {
            socket.setSoTimeout(200);
            while (!socket.isClosed()) {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                try {
                    socket.receive(packet);
                    bytes.addAndGet(packet.getLength());
                } catch (SocketTimeoutException e) {
                    // keep listening until the test closes the socket
                }
            }
        } catch (Exception e) {
            // closed
        }
    }
}
