package org.motormesh.mesh;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * Parses {@code host:port} as typed on a command line, with errors that quote the input, and addresses the
 * network tells us, which must be numeric: no name is ever looked up on an event loop.
 */
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

    /** A dotted IPv4 address and a port in 1..65535 as an address, without any name look-up; else null. */
    public static InetSocketAddress numeric(String host, int port) {
        if (host == null || port < 1 || port > 65535) {
            return null;
        }
        String[] parts = host.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            String part = parts[i];
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return null;
            }
            int value = Integer.parseInt(part);
            if (value > 255) {
                return null;
            }
            bytes[i] = (byte) value;
        }
        try {
            return new InetSocketAddress(InetAddress.getByAddress(bytes), port);
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
