package org.motormesh.mesh;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Collections;
import java.util.Optional;

/** Chooses the IPv4 address a node binds to: named, given as an address, or the LAN interface by default. */
public final class Interfaces {
    private Interfaces() {
    }

    /**
     * @param spec interface name, IPv4 literal, or null/empty for the default LAN interface
     */
    public static Inet4Address resolve(String spec) {
        if (spec == null || spec.isBlank()) {
            return lanAddress().orElseThrow(() -> new IllegalArgumentException(
                    "no LAN interface with an IPv4 address is up; use --interface 127.0.0.1 for one machine"));
        }
        try {
            NetworkInterface byName = NetworkInterface.getByName(spec);
            if (byName != null) {
                return firstIpv4(byName).orElseThrow(() -> new IllegalArgumentException(
                        "interface '" + spec + "' has no IPv4 address"));
            }
            if (spec.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
                InetAddress address = InetAddress.getByName(spec);
                if (NetworkInterface.getByInetAddress(address) == null) {
                    throw new IllegalArgumentException("no interface on this machine has address " + spec);
                }
                return (Inet4Address) address;
            }
        } catch (SocketException | UnknownHostException e) {
            throw new IllegalArgumentException("interface '" + spec + "': " + e.getMessage(), e);
        }
        throw new IllegalArgumentException("interface '" + spec + "' is neither an interface name nor an IPv4 address"
                + " of this machine");
    }

    /** The first interface that is up, not loopback, multicast capable, with an IPv4 address. */
    public static Optional<Inet4Address> lanAddress() {
        try {
            for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (nif.isUp() && !nif.isLoopback() && nif.supportsMulticast() && !nif.isVirtual()) {
                    Optional<Inet4Address> address = firstIpv4(nif);
                    if (address.isPresent()) {
                        return address;
                    }
                }
            }
        } catch (SocketException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /**
     * The directed broadcast address of {@code address}'s subnet (the scouting fallback where multicast is
     * filtered), or empty on loopback or when the interface does not say.
     */
    public static Optional<Inet4Address> broadcastOf(Inet4Address address) {
        try {
            NetworkInterface nif = NetworkInterface.getByInetAddress(address);
            if (nif == null || nif.isLoopback()) {
                return Optional.empty();
            }
            return nif.getInterfaceAddresses().stream().filter(a -> address.equals(a.getAddress()))
                    .map(java.net.InterfaceAddress::getBroadcast).filter(Inet4Address.class::isInstance)
                    .map(Inet4Address.class::cast).findFirst();
        } catch (SocketException e) {
            return Optional.empty();
        }
    }

    /**
     * The subnet of {@code address} as its interface says (peer addresses are accepted only there); 127.0.0.0/8 on
     * loopback, and a /24 when the interface does not say.
     */
    public static Subnet subnetOf(Inet4Address address) {
        try {
            NetworkInterface nif = NetworkInterface.getByInetAddress(address);
            if (nif != null) {
                for (java.net.InterfaceAddress a : nif.getInterfaceAddresses()) {
                    if (address.equals(a.getAddress())) {
                        return Subnet.of(address, a.getNetworkPrefixLength());
                    }
                }
            }
        } catch (SocketException e) {
            // the default below
        }
        return Subnet.of(address, 24);
    }

    private static Optional<Inet4Address> firstIpv4(NetworkInterface nif) {
        return Collections.list(nif.getInetAddresses()).stream()
                .filter(Inet4Address.class::isInstance).map(Inet4Address.class::cast).findFirst();
    }
}
