package org.motormesh.it;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A real UDP relay between two nodes on loopback that drops, duplicates and reorders datagrams, like a bad
 * Wi-Fi link. Node A talks to {@link #aliasOfB()} as if it were B; B sees the relay's other socket as A. Each
 * direction runs on its own thread; both stop on {@link #close()}.
 */
final class LossyUdpRelay implements AutoCloseable {
    private final DatagramSocket facingA;
    private final DatagramSocket facingB;
    private final InetSocketAddress b;
    private volatile InetSocketAddress a;
    private volatile boolean faulty;
    private volatile boolean closed;
    private final double drop;
    private final double duplicate;
    private final double reorder;
    final AtomicLong dropped = new AtomicLong();
    final AtomicLong duplicated = new AtomicLong();
    final AtomicLong reordered = new AtomicLong();
    private final Thread toB;
    private final Thread toA;

    LossyUdpRelay(InetSocketAddress b, long seed, double drop, double duplicate, double reorder) throws IOException {
        this.b = b;
        this.drop = drop;
        this.duplicate = duplicate;
        this.reorder = reorder;
        facingA = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
        facingB = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
        toB = new Thread(() -> pump(facingA, facingB, true, new Random(seed)), "relay-to-b");
        toA = new Thread(() -> pump(facingB, facingA, false, new Random(seed + 1)), "relay-to-a");
        toB.start();
        toA.start();
    }

    /** Where node A should send to reach B. */
    InetSocketAddress aliasOfB() {
        return (InetSocketAddress) facingA.getLocalSocketAddress();
    }

    /** Turns the faults on (the nodes first meet over a clean link). */
    void faulty(boolean on) {
        faulty = on;
    }

    private void pump(DatagramSocket in, DatagramSocket out, boolean towardB, Random random) {
        byte[] buffer = new byte[2048];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        byte[] held = null;
        try {
            in.setSoTimeout(20);
            while (!closed) {
                try {
                    in.receive(packet);
                } catch (SocketTimeoutException idle) {
                    held = release(out, held, towardB);
                    continue;
                }
                if (towardB) {
                    a = (InetSocketAddress) packet.getSocketAddress();
                }
                byte[] data = java.util.Arrays.copyOf(buffer, packet.getLength());
                if (faulty && random.nextDouble() < drop) {
                    dropped.incrementAndGet();
                    continue;
                }
                if (faulty && held == null && random.nextDouble() < reorder) {
                    held = data;
                    reordered.incrementAndGet();
                    continue;
                }
                send(out, data, towardB);
                if (faulty && random.nextDouble() < duplicate) {
                    send(out, data, towardB);
                    duplicated.incrementAndGet();
                }
                held = release(out, held, towardB);
            }
        } catch (IOException e) {
            if (!closed) {
                throw new IllegalStateException("relay failed", e);
            }
        }
    }

    private byte[] release(DatagramSocket out, byte[] held, boolean towardB) throws IOException {
        if (held != null) {
            send(out, held, towardB);
        }
        return null;
    }

    private void send(DatagramSocket out, byte[] data, boolean towardB) throws IOException {
        InetSocketAddress to = towardB ? b : a;
        if (to != null) {
            out.send(new DatagramPacket(data, data.length, to));
        }
    }

    @Override
    public void close() throws InterruptedException {
        closed = true;
        toB.join(1000);
        toA.join(1000);
        facingA.close();
        facingB.close();
    }
}
