package org.motormesh.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.motormesh.mesh.MeshConfig;
import org.motormesh.mesh.MeshStats;
import org.motormesh.mesh.Values;
import org.motormesh.proto.FrameEncoder;
import org.motormesh.proto.v1.Frame;
import org.motormesh.proto.v1.Publish;
import org.motormesh.proto.v1.Qos;

/** Random, truncated and oversized datagrams flood a real node's UDP port while it keeps its traffic intact. */
class HostileDatagramTest {
    private static final int MESSAGES = 200;
    private static final int JUNK = 20_000;

    @Test
    void shouldKeepDeliveringWhileFloodedWithGarbage() throws Exception {
        String run = Long.toHexString(System.nanoTime() & 0xffff);
        try (MeshNode target = new MeshNode(MeshConfig.builder().name("hostile-t-" + run).interfaceAddress("127.0.0.1")
                .mdns(false).build()).start();
             MeshNode sender = new MeshNode(MeshConfig.builder().name("hostile-s-" + run).interfaceAddress("127.0.0.1")
                     .mdns(false).seedPeer("127.0.0.1:" + target.localAddress().getPort()).build()).start()) {
            Set<Long> got = ConcurrentHashMap.newKeySet();
            Map<Long, Integer> times = new ConcurrentHashMap<>();
            target.subscribe("/h", m -> {
                got.add(m.value().getInteger());
                times.merge(m.value().getInteger(), 1, Integer::sum);
            });
            Loopback.await(() -> sender.peers().stream().anyMatch(p -> p.subscriptions().contains("/h")), 5_000,
                    "the sender to learn the subscription");
            Thread flood = new Thread(() -> flood(target.localAddress()), "flood");
            flood.start();
            for (int i = 0; i < MESSAGES; i++) {
                sender.publish("/h", Values.of(i), Qos.QOS_ACKED);
                Thread.sleep(2);
            }
            flood.join();
            Loopback.await(() -> got.size() == MESSAGES, 10_000, "all messages despite the flood");
            assertTrue(times.values().stream().allMatch(n -> n == 1), "each message exactly once");
            assertEquals(1, target.peers().size(), "the peer survived");
            MeshStats stats = target.stats();
            for (String reason : new String[] {"OVERSIZED", "TRUNCATED", "BAD_MAGIC", "UNPARSEABLE", "BAD_VERSION"}) {
                assertTrue(stats.dropped().getOrDefault(reason, 0L) > 0, reason + " counted: " + stats.dropped());
            }
            // the kernel may drop some of the flood before the node sees it; most must be counted
            assertTrue(stats.droppedTotal() > JUNK / 4, "drops counted: " + stats.droppedTotal());
        }
    }

    private static void flood(InetSocketAddress to) {
        Random random = new Random(3);
        byte[] valid = new FrameEncoder(null).encode(Frame.newBuilder().setSenderId("0badc0de0000").setBootEpoch(1)
                .setSeq(1).setSentTimeUs(5).setPublish(Publish.newBuilder().setTopic("/h").setMessageId(1)).build());
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            for (int i = 0; i < JUNK; i++) {
                byte[] junk = switch (i % 5) {
                    case 0 -> randomBytes(random, random.nextInt(1200));
                    case 1 -> java.util.Arrays.copyOf(valid, random.nextInt(4));
                    case 2 -> randomBytes(random, 1201 + random.nextInt(8000));
                    case 3 -> withHeader(randomBytes(random, 5 + random.nextInt(100)));
                    default -> withVersion(valid.clone(), 2 + random.nextInt(200));
                };
                socket.send(new DatagramPacket(junk, junk.length, to));
                if (i % 20 == 0) {
                    Thread.sleep(1);
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] randomBytes(Random random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        if (n > 0 && b[0] == 'M') {
            b[0] = 0;
        }
        return b;
    }

    private static byte[] withHeader(byte[] b) {
        b[0] = 'M';
        b[1] = 'M';
        b[2] = 1;
        b[3] = 0;
        b[4] = (byte) 0xff;
        return b;
    }

    private static byte[] withVersion(byte[] b, int version) {
        b[2] = (byte) version;
        return b;
    }
}
