package org.motormesh.app.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A userspace UDP impairment relay on loopback for {@code bench soak} (no netem needed): node A sends to
 * {@link #addressForA()} as if it were node B, and everything between them, both ways, is dropped, duplicated,
 * held back behind the next datagram, or delayed, each datagram on its own. The side facing B binds A's port on
 * 127.0.0.2 and the side facing A binds B's port on 127.0.0.3, so each node sees Hellos from the port they name.
 * Bounded: at most {@link #MAX_HELD} delayed datagrams, the rest dropped and counted. One thread; settings are
 * read per datagram, so a test may cut and heal the link while it runs.
 */
final class ImpairedLink implements AutoCloseable {
    static final int MAX_HELD = 4096;
    private static final long QUIET_NS = 20_000_000L;
    private static final int SAMPLES = 64;

    private record Due(long atNs, long order, DatagramChannel via, ByteBuffer data, SocketAddress to)
            implements Comparable<Due> {
        @Override
        public int compareTo(Due o) {
            return atNs != o.atNs ? Long.compare(atNs, o.atNs) : Long.compare(order, o.order);
        }
    }

    private record Held(DatagramChannel via, ByteBuffer data, SocketAddress to, long sinceNs) {
    }

    private final DatagramChannel facingA;
    private DatagramChannel facingB;
    private final InetSocketAddress target;
    private final Selector selector;
    private final Random random;
    private final PriorityQueue<Due> timers = new PriorityQueue<>();
    private final Held[] held = new Held[2];
    private final List<byte[]> samples = new ArrayList<>();
    private final Thread thread;
    private volatile SocketAddress nodeA;
    private volatile double loss;
    private volatile double dup;
    private volatile double reorder;
    private volatile double delayMs;
    private volatile double jitterMs;
    private volatile boolean closed;
    private long order;

    final AtomicLong in = new AtomicLong();
    final AtomicLong out = new AtomicLong();
    final AtomicLong dropped = new AtomicLong();
    final AtomicLong duplicated = new AtomicLong();
    final AtomicLong reordered = new AtomicLong();
    final AtomicLong overflow = new AtomicLong();

    /** A relay in front of node B (at {@code b}, on loopback); A is told {@link #addressForA()} as its seed. */
    ImpairedLink(InetSocketAddress b, long seed) throws IOException {
        this.target = b;
        this.random = new Random(seed);
        this.selector = Selector.open();
        this.facingA = open(new InetSocketAddress("127.0.0.3", b.getPort()));
        this.thread = new Thread(this::run, "impaired-link");
        thread.setDaemon(true);
    }

    private DatagramChannel open(InetSocketAddress preferred) throws IOException {
        DatagramChannel ch = DatagramChannel.open();
        try {
            ch.bind(preferred);
        } catch (IOException taken) {
            ch.bind(new InetSocketAddress("127.0.0.1", 0));
        }
        ch.configureBlocking(false);
        ch.register(selector, SelectionKey.OP_READ);
        return ch;
    }

    /** Starts relaying, once node A (at {@code a}) is up. */
    ImpairedLink start(InetSocketAddress a) throws IOException {
        facingB = open(new InetSocketAddress("127.0.0.2", a.getPort()));
        thread.start();
        return this;
    }

    /** Where node A sends, as if it were B ("HOST:PORT" for a seed). */
    String addressForA() throws IOException {
        InetSocketAddress s = (InetSocketAddress) facingA.getLocalAddress();
        return s.getAddress().getHostAddress() + ":" + s.getPort();
    }

    /** Loss, duplication and reordering as fractions 0..1; delay and jitter in ms. */
    void set(double loss, double dup, double reorder, double delayMs, double jitterMs) {
        this.loss = loss;
        this.dup = dup;
        this.reorder = reorder;
        this.delayMs = delayMs;
        this.jitterMs = jitterMs;
    }

    /** Up to 64 datagrams that crossed the link (copies), for a flood to mutate. */
    synchronized List<byte[]> samples() {
        return new ArrayList<>(samples);
    }

    private void run() {
        ByteBuffer buf = ByteBuffer.allocate(65_536);
        try {
            while (!closed) {
                long now = System.nanoTime();
                long waitMs = 20;
                if (!timers.isEmpty()) {
                    waitMs = Math.max(1, (timers.peek().atNs() - now) / 1_000_000);
                }
                selector.select(waitMs);
                selector.selectedKeys().clear();
                receive(facingA, buf);
                receive(facingB, buf);
                now = System.nanoTime();
                while (!timers.isEmpty() && timers.peek().atNs() <= now) {
                    Due d = timers.poll();
                    send(d.via(), d.data(), d.to());
                }
                for (int i = 0; i < 2; i++) {
                    if (held[i] != null && now - held[i].sinceNs() > QUIET_NS) {
                        send(held[i].via(), held[i].data(), held[i].to());
                        held[i] = null;
                    }
                }
            }
        } catch (IOException e) {
            if (!closed) {
                System.err.println("impaired link stopped: " + e);
            }
        }
    }

    private void receive(DatagramChannel ch, ByteBuffer buf) throws IOException {
        for (int n = 0; n < 256; n++) {
            buf.clear();
            SocketAddress from = ch.receive(buf);
            if (from == null) {
                return;
            }
            buf.flip();
            ByteBuffer data = ByteBuffer.allocate(buf.remaining()).put(buf).flip();
            if (ch == facingA) {
                nodeA = from;
                forward(0, facingB, data, target);
            } else if (nodeA != null) {
                forward(1, facingA, data, nodeA);
            }
        }
    }

    private void forward(int direction, DatagramChannel via, ByteBuffer data, SocketAddress to) throws IOException {
        in.incrementAndGet();
        sample(data);
        if (random.nextDouble() < loss) {
            dropped.incrementAndGet();
            return;
        }
        int copies = random.nextDouble() < dup ? 2 : 1;
        if (copies == 2) {
            duplicated.incrementAndGet();
        }
        boolean hold = random.nextDouble() < reorder;
        long now = System.nanoTime();
        long delayNs = (long) ((delayMs + random.nextDouble() * jitterMs) * 1_000_000);
        Held before = held[direction];
        if (hold && before == null) {
            reordered.incrementAndGet();
            held[direction] = new Held(via, data, to, now);
            return;
        }
        held[direction] = null;
        for (int i = 0; i < copies; i++) {
            schedule(via, data.duplicate(), to, now + delayNs);
        }
        if (before != null) {
            schedule(before.via(), before.data(), before.to(), now + delayNs);
        }
    }

    private void schedule(DatagramChannel via, ByteBuffer data, SocketAddress to, long atNs) throws IOException {
        if (atNs <= System.nanoTime()) {
            send(via, data, to);
        } else if (timers.size() >= MAX_HELD) {
            overflow.incrementAndGet();
        } else {
            timers.add(new Due(atNs, order++, via, data, to));
        }
    }

    private void send(DatagramChannel via, ByteBuffer data, SocketAddress to) {
        try {
            if (via.send(data.duplicate(), to) > 0) {
                out.incrementAndGet();
                return;
            }
        } catch (IOException e) {
            // a full socket buffer or a closed peer: the datagram is gone, as on a real link
        }
        dropped.incrementAndGet();
    }

    private synchronized void sample(ByteBuffer data) {
        if (samples.size() < SAMPLES) {
            byte[] copy = new byte[data.remaining()];
            data.duplicate().get(copy);
            samples.add(copy);
        }
    }

    /** "in=.. out=.. dropped=.. duplicated=.. reordered=.. overflow=..". */
    String counts() {
        return "in=" + in + " out=" + out + " dropped=" + dropped + " duplicated=" + duplicated + " reordered="
                + reordered + " overflow=" + overflow;
    }

    @Override
    public void close() throws IOException {
        closed = true;
        selector.wakeup();
        try {
            thread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        facingA.close();
        if (facingB != null) {
            facingB.close();
        }
        selector.close();
        Arrays.fill(held, null);
    }
}
