package org.motormesh.mesh;

import java.net.InetSocketAddress;

/** Parses {@code host:port} as typed on a command line, with errors that quote the input. */
public final class HostPort {
    private HostPort() {
    }

    public static InetSocketAddress parse(String text) {
        int colon = text == null ? -1 : text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new IllegalArgumentException("peer '" + text + "' must be HOST:PORT, for example 192.168.1.20:47000");
        }
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("peer '" + text + "' has a port that is not a number");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("peer '" + text + "' has port " + port + ", outside 1 to 65535");
        }
        InetSocketAddress address = new InetSocketAddress(text.substring(0, colon), port);
        if (address.isUnresolved()) {
            throw new IllegalArgumentException("peer '" + text + "': host cannot be resolved");
        }
        return address;
    }
}
