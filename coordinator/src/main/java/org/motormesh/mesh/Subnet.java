package org.motormesh.mesh;

import java.net.Inet4Address;
import java.net.InetAddress;

/**
 * The IPv4 subnet a node's interface is on: peer addresses that the network tells us (discovery answers, gossip,
 * scout frames, strangers' Hellos) are taken only inside it, so a hostile answer cannot make the node send Hellos
 * to a victim elsewhere. A node on loopback accepts loopback only. Immutable.
 */
public final class Subnet {
    private final int network;
    private final int mask;
    private final boolean loopback;

    private Subnet(int network, int mask, boolean loopback) {
        this.network = network;
        this.mask = mask;
        this.loopback = loopback;
    }

    /** The subnet of {@code address} with {@code prefixLength} bits (0 to 32); on loopback, 127.0.0.0/8. */
    public static Subnet of(Inet4Address address, int prefixLength) {
        if (address.isLoopbackAddress()) {
            return new Subnet(0x7f000000, 0xff000000, true);
        }
        int bits = Math.max(0, Math.min(32, prefixLength));
        int mask = bits == 0 ? 0 : -1 << (32 - bits);
        return new Subnet(toInt(address) & mask, mask, false);
    }

    /** True when {@code address} is an IPv4 address inside this subnet (and not its network or broadcast address). */
    public boolean contains(InetAddress address) {
        if (!(address instanceof Inet4Address v4)) {
            return false;
        }
        int a = toInt(v4);
        if ((a & mask) != network) {
            return false;
        }
        if (loopback || mask == -1 || mask == 0xfffffffe) {
            return true;
        }
        int host = a & ~mask;
        return host != 0 && host != ~mask;
    }

    private static int toInt(Inet4Address address) {
        byte[] b = address.getAddress();
        return (b[0] & 0xff) << 24 | (b[1] & 0xff) << 16 | (b[2] & 0xff) << 8 | (b[3] & 0xff);
    }

    @Override
    public String toString() {
        return String.format("%d.%d.%d.%d/%d", network >>> 24, network >>> 16 & 0xff, network >>> 8 & 0xff,
                network & 0xff, Integer.bitCount(mask));
    }
}
