package org.motormesh.app.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The hostile sender of {@code bench soak}: as fast as it can, at most a given count and time, random bytes and a
 * valid frame header followed by junk (and, if given, real frames seen on the link with bytes flipped), to one
 * loopback port. Sends only to 127.0.0.1.
 */
final class HostileFlood {
    private static final int POOL = 3000;

    private final List<byte[]> pool;

    /** A flood made from {@code real} frames (may be empty) and the dice of {@code seed}. */
    HostileFlood(List<byte[]> real, long seed) {
        Random r = new Random(seed);
        pool = new ArrayList<>(POOL);
        for (int i = 0; i < POOL; i++) {
            byte[] d;
            if (i % 3 == 0 || real.isEmpty()) {
                d = new byte[1 + r.nextInt(300)];
                r.nextBytes(d);
            } else if (i % 3 == 1) {
                d = new byte[4 + r.nextInt(200)];
                r.nextBytes(d);
                d[0] = 'M';
                d[1] = 'M';
                d[2] = 1;
                d[3] = 0;
            } else {
                d = real.get(r.nextInt(real.size())).clone();
                for (int k = 0; k < 3 && d.length > 4; k++) {
                    d[4 + r.nextInt(d.length - 4)] ^= (byte) (1 + r.nextInt(255));
                }
            }
            pool.add(d);
        }
    }

    /** Sends up to {@code count} datagrams to 127.0.0.1:{@code port} within {@code maxMs}; returns how many. */
    long send(int port, long count, long maxMs) throws IOException {
        long sent = 0;
        long end = System.nanoTime() + maxMs * 1_000_000;
        try (DatagramChannel out = DatagramChannel.open()) {
            out.connect(new InetSocketAddress("127.0.0.1", port));
            while (sent < count && (sent % 256 != 0 || System.nanoTime() < end)) {
                try {
                    out.write(ByteBuffer.wrap(pool.get((int) (sent % pool.size()))));
                } catch (IOException refused) {
                    // a full buffer or an ICMP refusal: keep going, it is a flood
                }
                sent++;
            }
        }
        return sent;
    }
}
