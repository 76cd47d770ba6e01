package org.motormesh.app.bench;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.motormesh.mesh.MeshConfig;
import org.motormesh.mesh.MonotonicClock;
import org.motormesh.mesh.Values;
import org.motormesh.node.MeshNode;
import org.motormesh.proto.FrameEncoder;
import org.motormesh.proto.v1.Frame;
import org.motormesh.proto.v1.Publish;
import org.motormesh.proto.v1.Qos;

/**
 * Round trips on loopback three ways: mesh pub→sub→reply between two nodes driven from the handlers (on the
 * nodes' loops), the same published from an application thread that waits for each reply (as users call it), and
 * raw Java UDP ping-pong of the same datagram size between two blocking sockets (run it with no node alive).
 */
final class RttProbe implements AutoCloseable {
    private final MeshNode pinger;
    private final MeshNode ponger;
    private volatile long[] samples;
    private volatile int index;
    private volatile long sentAt;
    private volatile CountDownLatch done;
    private volatile Reply reply;

    /** @param spinMicros the nodes' busy-poll window ({@link MeshConfig#spinMicros()}) */
    RttProbe(long spinMicros) throws InterruptedException {
        ponger = new MeshNode(MeshConfig.builder().name("bench-pong").interfaceAddress("127.0.0.1").mdns(false)
                .spinMicros(spinMicros).build()).start();
        pinger = new MeshNode(MeshConfig.builder().name("bench-ping").interfaceAddress("127.0.0.1").mdns(false)
                .spinMicros(spinMicros).seedPeer("127.0.0.1:" + ponger.localAddress().getPort()).build()).start();
        ponger.subscribe("/bench/ping", m -> ponger.publish("/bench/pong", m.value(), Qos.QOS_LATEST));
        pinger.subscribe("/bench/pong", m -> onPong((int) m.value().getInteger()));
        long deadline = System.currentTimeMillis() + 5000;
        while (!(subscribed(pinger, "/bench/ping") && subscribed(ponger, "/bench/pong"))) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("bench nodes did not meet within 5 s");
            }
            Thread.sleep(10);
        }
    }

    private static boolean subscribed(MeshNode node, String topic) {
        return node.peers().stream().anyMatch(p -> p.subscriptions().stream().anyMatch(topic::startsWith));
    }

    private void onPong(int seq) {
        Reply waiting = reply;
        if (waiting != null) {
            waiting.arrived(seq);
            return;
        }
        long now = System.nanoTime();
        samples[index++] = (now - sentAt) / 1000;
        if (index == samples.length) {
            done.countDown();
        } else {
            ping();
        }
    }

    private void ping() {
        sentAt = System.nanoTime();
        pinger.publish("/bench/ping", Values.of(index), Qos.QOS_LATEST);
    }

    /** {@code count} mesh round trips, in microseconds. */
    long[] mesh(int count) throws InterruptedException {
        samples = new long[count];
        index = 0;
        done = new CountDownLatch(1);
        ping();
        if (!done.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("mesh ping-pong stalled after " + index + " of " + count
                    + " round trips (lost datagram?)");
        }
        return samples;
    }

    /**
     * {@code count} mesh round trips published from the calling (application) thread, each waiting for its reply,
     * in microseconds; a reply not back within a second is left out (the array is shorter).
     */
    long[] app(int count) {
        Reply waiting = new Reply();
        reply = waiting;
        try {
            long[] result = new long[count];
            int kept = 0;
            for (int i = 0; i < count; i++) {
                long t0 = System.nanoTime();
                pinger.publish("/bench/ping", Values.of(i), Qos.QOS_LATEST);
                if (waiting.await(i, RoundTrip.LOST_AFTER_NS)) {
                    result[kept++] = (System.nanoTime() - t0) / 1000;
                }
            }
            return Arrays.copyOf(result, kept);
        } finally {
            reply = null;
        }
    }

    /** {@code count} raw UDP round trips of {@code size}-byte datagrams, in microseconds. */
    static long[] raw(int count, int size) throws IOException, InterruptedException {
        InetAddress lo = InetAddress.getByName("127.0.0.1");
        long[] result = new long[count];
        try (DatagramSocket a = new DatagramSocket(new InetSocketAddress(lo, 0));
             DatagramSocket b = new DatagramSocket(new InetSocketAddress(lo, 0))) {
            a.setSoTimeout(5000);
            b.setSoTimeout(5000);
            Thread echo = new Thread(() -> echo(b, count, size), "raw-pong");
            echo.start();
            byte[] buf = new byte[size];
            DatagramPacket out = new DatagramPacket(buf, size, b.getLocalSocketAddress());
            DatagramPacket in = new DatagramPacket(new byte[2048], 2048);
            for (int i = 0; i < count; i++) {
                long t0 = System.nanoTime();
                a.send(out);
                a.receive(in);
                result[i] = (System.nanoTime() - t0) / 1000;
            }
            echo.join(5000);
        }
        return result;
    }

    private static void echo(DatagramSocket socket, int count, int size) {
        DatagramPacket in = new DatagramPacket(new byte[2048], 2048);
        try {
            for (int i = 0; i < count; i++) {
                socket.receive(in);
                socket.send(new DatagramPacket(in.getData(), in.getLength(), in.getSocketAddress()));
            }
        } catch (IOException e) {
            throw new IllegalStateException("raw echo failed", e);
        }
    }

    /** Size of the datagrams the mesh run sends (a typical ping frame), so the raw run matches it. */
    int meshDatagramSize() {
        return datagramSize(pinger.id());
    }

    /** Size of a typical ping frame from node {@code senderId}. */
    static int datagramSize(String senderId) {
        Frame frame = Frame.newBuilder().setSenderId(senderId).setBootEpoch(System.currentTimeMillis())
                .setSeq(20_000).setSentTimeUs(MonotonicClock.nowUs()).setPublish(Publish.newBuilder()
                        .setTopic("/bench/ping").setValue(Values.of(20_000)).setMessageId(20_000)).build();
        return new FrameEncoder(null).encode(frame).length;
    }

    @Override
    public void close() {
        pinger.close();
        ponger.close();
    }
}
