package org.motormesh.app.bench;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;

/**
 * The honest baseline: raw UDP ping-pong with plain blocking {@link DatagramSocket}s, as a user would write it.
 * The application thread sends a datagram of the mesh frame's size and blocks in receive; an echo thread blocks
 * in receive and sends each datagram straight back.
 */
final class UdpRoundTrip implements RoundTrip {
    private final DatagramSocket pinger;
    private final DatagramSocket ponger;
    private final Thread echo;
    private final byte[] out;
    private final DatagramPacket outPacket;
    private final DatagramPacket inPacket = new DatagramPacket(new byte[2048], 2048);

    UdpRoundTrip(int size) throws IOException {
        InetAddress lo = InetAddress.getByName("127.0.0.1");
        pinger = new DatagramSocket(new InetSocketAddress(lo, 0));
        ponger = new DatagramSocket(new InetSocketAddress(lo, 0));
        pinger.setSoTimeout((int) (LOST_AFTER_NS / 1_000_000));
        out = new byte[Math.max(4, size)];
        outPacket = new DatagramPacket(out, out.length, ponger.getLocalSocketAddress());
        echo = new Thread(this::echo, "cmp-udp-pong");
        echo.setDaemon(true);
        echo.start();
    }

    private void echo() {
        DatagramPacket in = new DatagramPacket(new byte[2048], 2048);
        try {
            while (true) {
                ponger.receive(in);
                ponger.send(new DatagramPacket(in.getData(), in.getLength(), in.getSocketAddress()));
            }
        } catch (IOException closed) {
            // the socket was closed: the benchmark is over
        }
    }

    @Override
    public String key() {
        return "udp";
    }

    @Override
    public long once(int seq) throws IOException {
        long t0 = System.nanoTime();
        ByteBuffer.wrap(out).putInt(0, seq);
        pinger.send(outPacket);
        try {
            do {
                pinger.receive(inPacket);
            } while (inPacket.getLength() < 4 || ByteBuffer.wrap(inPacket.getData()).getInt(0) != seq);
        } catch (SocketTimeoutException lost) {
            return -1;
        }
        return System.nanoTime() - t0;
    }

    @Override
    public void close() {
        pinger.close();
        ponger.close();
        try {
            echo.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
