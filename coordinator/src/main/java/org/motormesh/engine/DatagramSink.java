package org.motormesh.engine;

import java.net.InetSocketAddress;

/** Where the engine's encoded datagrams go: the transport, or a test's list. */
@FunctionalInterface
public interface DatagramSink {
    void send(InetSocketAddress to, byte[] datagram);
}
