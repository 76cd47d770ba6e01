package org.motormesh.discovery;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.MulticastSocket;
import java.net.NetworkInterface;
import java.net.SocketTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hears other nodes' mDNS probes and announcements on the interface and reports each motormesh instance at the
 * packet's source address and its SRV port. When many nodes start at once (a classroom powering up), nobody can
 * answer a query until its registration is done (~2 s in JmDNS, ~4 s until resolved), but every node probes for
 * its name within 250 ms of starting: hearing the probe is enough to say Hello. Runs on its own daemon thread.
 */
final class ProbeListener implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ProbeListener.class);
    private static final InetSocketAddress GROUP = new InetSocketAddress("224.0.0.251", 5353);
    private static final int POLL_MS = 250;

    /** Receives instances heard; called on the listener's thread. */
    @FunctionalInterface
    interface Heard {
        void onHeard(String instance, InetSocketAddress address);
    }

    private final Inet4Address address;
    private final String serviceType;
    private final Heard heard;
    private final Thread thread;
    private volatile boolean closed;

    ProbeListener(Inet4Address address, String serviceType, Heard heard) {
        this.address = address;
        this.serviceType = serviceType.endsWith(".") ? serviceType.substring(0, serviceType.length() - 1)
                : serviceType;
        this.heard = heard;
        this.thread = new Thread(this::run, "mdns-probes");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    private void run() {
        try (MulticastSocket socket = new MulticastSocket(null)) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(GROUP.getPort()));
            NetworkInterface nif = NetworkInterface.getByInetAddress(address);
            socket.joinGroup(GROUP, nif);
            socket.setSoTimeout(POLL_MS);
            byte[] buffer = new byte[9000];
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            while (!closed) {
                try {
                    socket.receive(packet);
                } catch (SocketTimeoutException idle) {
                    continue;
                }
                InetAddress source = packet.getAddress();
                for (SrvRecordReader.Srv srv : SrvRecordReader.read(buffer, packet.getLength(), serviceType)) {
                    if (srv.port() > 0) {
                        heard.onHeard(srv.instance(), new InetSocketAddress(source, srv.port()));
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            if (!closed) {
                LOG.debug("mDNS probe listener stopped: {}", e.toString());
            }
        }
    }

    @Override
    public void close() {
        closed = true;
    }
}
