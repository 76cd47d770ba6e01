package org.motormesh.discovery;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.net.MulticastSocket;
import java.net.NetworkInterface;
import java.net.StandardSocketOptions;
import java.nio.charset.StandardCharsets;

/**
 * Sends one mDNS question for the service type at once. JmDNS's own browser waits about 225 ms before its first
 * query; this one goes out the moment the node starts, and JmDNS (which handles every answer it hears) reports the
 * peers that respond, so a new node finds the mesh about 200 ms sooner.
 */
final class MdnsQuery {
    private static final InetSocketAddress GROUP = new InetSocketAddress("224.0.0.251", 5353);
    private static final int TYPE_PTR = 12;
    private static final int CLASS_IN = 1;

    private MdnsQuery() {
    }

    /** The query packet: no id, no flags, one question (PTR, IN) for {@code serviceType}. */
    static byte[] build(String serviceType) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        out.writeBytes(new byte[] {0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0});
        for (String label : serviceType.split("\\.")) {
            if (!label.isEmpty()) {
                byte[] bytes = label.getBytes(StandardCharsets.UTF_8);
                out.write(bytes.length);
                out.writeBytes(bytes);
            }
        }
        out.write(0);
        out.writeBytes(new byte[] {0, TYPE_PTR, 0, CLASS_IN});
        return out.toByteArray();
    }

    /**
     * Multicasts the query on the interface of {@code address} only, from port 5353 (shared with JmDNS), so that
     * responders answer by multicast (a query from another port would get a unicast answer JmDNS never sees).
     */
    static void send(Inet4Address address, String serviceType) throws IOException {
        byte[] packet = build(serviceType);
        try (MulticastSocket socket = new MulticastSocket(null)) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(GROUP.getPort()));
            socket.setNetworkInterface(NetworkInterface.getByInetAddress(address));
            socket.setTimeToLive(255);
            socket.setOption(StandardSocketOptions.IP_MULTICAST_LOOP, true);
            socket.send(new DatagramPacket(packet, packet.length, GROUP.getAddress(), GROUP.getPort()));
        }
    }

}
