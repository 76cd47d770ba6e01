package org.motormesh.mesh;

import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Every setting of a node, validated once by {@link Builder#build()} with messages that quote the bad value.
 * Defaults are the protocol's (proto/FRAME.md): keep-alive on a quiet flow after 250 ms, a data partner's lease
 * 1 s, retransmit 100 to 1600 ms, scouting on port 47001.
 */
public record MeshConfig(String name, String nodeId, String role, Inet4Address interfaceAddress, int port,
                         String groupKey, List<InetSocketAddress> seedPeers, boolean mdns, long heartbeatMs,
                         long leaseMs, long retransmitMinMs, long retransmitMaxMs, String channel, int priority,
                         long spinMicros, int scoutPort) {

    /** A keep-alive goes to a subscriber of ours after this long without a frame to it. */
    public static final long DEFAULT_HEARTBEAT_MS = 250;
    /** The scouting group's port (proto/FRAME.md, "Discovery"). */
    public static final int DEFAULT_SCOUT_PORT = 47001;
    /** A data partner is lost after this long without a frame from it. */
    public static final long DEFAULT_LEASE_MS = 1000;
    public static final long DEFAULT_RETRANSMIT_MIN_MS = 100;
    public static final long DEFAULT_RETRANSMIT_MAX_MS = 1600;
    /** After traffic, the event loop polls this long before it blocks: replies on fast links skip a wake-up. */
    public static final long DEFAULT_SPIN_MICROS = 50;
    /** Bridges: the highest election priority a user may give (the election adds above it). */
    public static final int MAX_PRIORITY = 1_000_000;
    public static final Set<String> ROLES = Set.of("motor", "bridge", "node");
    private static final int MAX_NAME_LENGTH = 63;

    public MeshConfig {
        seedPeers = List.copyOf(seedPeers);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Collects settings; {@link #build()} validates them all. */
    public static final class Builder {
        private String name;
        private String nodeId;
        private String role = "node";
        private String interfaceName;
        private int port;
        private String groupKey;
        private final List<String> seedPeers = new ArrayList<>();
        private boolean mdns = true;
        private long heartbeatMs = DEFAULT_HEARTBEAT_MS;
        private long leaseMs = DEFAULT_LEASE_MS;
        private long retransmitMinMs = DEFAULT_RETRANSMIT_MIN_MS;
        private long retransmitMaxMs = DEFAULT_RETRANSMIT_MAX_MS;
        private String channel = "";
        private int priority;
        private long spinMicros = DEFAULT_SPIN_MICROS;
        private int scoutPort = defaultScoutPort();

        /** Human name, also the DNS-SD instance name; default {@code node-<random>}. */
        public Builder name(String value) {
            this.name = value;
            return this;
        }

        /** Stable id; default derived from the name (see {@link NodeIds}). */
        public Builder nodeId(String value) {
            this.nodeId = value;
            return this;
        }

        public Builder role(String value) {
            this.role = value;
            return this;
        }

        /** Interface name ({@code eth0}) or IPv4 address ({@code 127.0.0.1}); default: the LAN interface. */
        public Builder interfaceAddress(String value) {
            this.interfaceName = value;
            return this;
        }

        /** UDP port; 0 picks a free one. */
        public Builder port(int value) {
            this.port = value;
            return this;
        }

        /** Shared secret that signs every frame; null or empty for an open mesh. */
        public Builder groupKey(String value) {
            this.groupKey = value;
            return this;
        }

        /** Peers to contact directly as {@code host:port}, for networks that block multicast. */
        public Builder seedPeers(List<String> values) {
            this.seedPeers.addAll(values);
            return this;
        }

        public Builder seedPeer(String value) {
            this.seedPeers.add(value);
            return this;
        }

        /** Whether to advertise and browse by mDNS (seed peers and gossip still work without). */
        public Builder mdns(boolean value) {
            this.mdns = value;
            return this;
        }

        public Builder heartbeatMs(long value) {
            this.heartbeatMs = value;
            return this;
        }

        public Builder leaseMs(long value) {
            this.leaseMs = value;
            return this;
        }

        public Builder retransmitMs(long min, long max) {
            this.retransmitMinMs = min;
            this.retransmitMaxMs = max;
            return this;
        }

        /** Bridges only: the channel URL they serve. */
        public Builder channel(String value) {
            this.channel = value == null ? "" : value;
            return this;
        }

        /** Bridges only: election priority, higher wins. */
        public Builder priority(int value) {
            this.priority = value;
            return this;
        }

        /** Busy-poll window after activity, in microseconds (0 disables; costs CPU only while traffic flows). */
        public Builder spinMicros(long value) {
            this.spinMicros = value;
            return this;
        }

        /**
         * {@code $MOTORMESH_SCOUT_PORT} when set (to run separate meshes on one machine, as the tests do), else
         * {@link #DEFAULT_SCOUT_PORT}.
         */
        static int defaultScoutPort() {
            String value = System.getenv("MOTORMESH_SCOUT_PORT");
            if (value == null || value.isBlank()) {
                return DEFAULT_SCOUT_PORT;
            }
            try {
                return Integer.parseInt(value.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("MOTORMESH_SCOUT_PORT '" + value + "' is not a port number");
            }
        }

        /** The scouting group's port on 224.0.0.224 (0 turns scouting off: mDNS, seeds and gossip only). */
        public Builder scoutPort(int value) {
            this.scoutPort = value;
            return this;
        }

        public MeshConfig build() {
            String n = name == null ? NodeIds.defaultName() : name.trim();
            require(!n.isEmpty() && n.length() <= MAX_NAME_LENGTH && n.indexOf('.') < 0,
                    "name '" + n + "' must be 1 to 63 characters without dots");
            String id = nodeId == null ? NodeIds.fromName(n) : nodeId;
            require(id.matches("[0-9a-f]{1,32}"), "node id '" + id + "' must be 1 to 32 lower-case hex digits");
            require(ROLES.contains(role), "role '" + role + "' must be one of " + ROLES);
            require(port >= 0 && port <= 65535, "port " + port + " must be 0 to 65535");
            require(heartbeatMs >= 10 && heartbeatMs <= 60_000, "heartbeat " + heartbeatMs + " ms must be 10 to 60000");
            require(leaseMs >= 2 * heartbeatMs, "lease " + leaseMs + " ms must be at least two heartbeats ("
                    + 2 * heartbeatMs + " ms)");
            require(retransmitMinMs >= 1 && retransmitMaxMs >= retransmitMinMs,
                    "retransmit " + retransmitMinMs + ".." + retransmitMaxMs + " ms must be 1 <= min <= max");
            require(scoutPort >= 0 && scoutPort <= 65535, "scout port " + scoutPort + " must be 0 to 65535");
            require(priority >= 0 && priority <= MAX_PRIORITY, "priority " + priority + " must be 0 to " + MAX_PRIORITY);
            require(spinMicros >= 0 && spinMicros <= 10_000, "spin " + spinMicros + " us must be 0 to 10000");
            String key = groupKey == null || groupKey.isEmpty() ? null : groupKey;
            Inet4Address address = Interfaces.resolve(interfaceName);
            List<InetSocketAddress> seeds = seedPeers.stream().map(HostPort::parse).toList();
            return new MeshConfig(n, id, role, address, port, key, seeds, mdns, heartbeatMs, leaseMs,
                    retransmitMinMs, retransmitMaxMs, Objects.requireNonNullElse(channel, ""), priority, spinMicros,
                    scoutPort);
        }

        private static void require(boolean ok, String message) {
            if (!ok) {
                throw new IllegalArgumentException(message);
            }
        }
    }
}
