package org.motormesh.cli;

import java.util.ArrayList;
import java.util.List;
import org.motormesh.mesh.MeshConfig;
import picocli.CommandLine.Option;

/** The flags every mesh verb shares; turns them into a validated {@link MeshConfig}. */
public final class MeshOptions {
    @Option(names = "--interface", paramLabel = "NAME|IP",
            description = "Interface name or IPv4 address to use (default: the LAN interface; "
                    + "127.0.0.1 keeps everything on this machine).")
    String interfaceName;

    @Option(names = "--name", description = "This node's name, unique in the mesh (default: node-XXXX).")
    String name;

    @Option(names = "--port", description = "UDP port (default: 0, any free port).")
    int port;

    @Option(names = "--peer", paramLabel = "HOST:PORT",
            description = "Contact this peer directly (repeatable), for networks that block multicast.")
    List<String> peers = new ArrayList<>();

    @Option(names = "--group-key", paramLabel = "KEY", defaultValue = "${env:MOTORMESH_GROUP_KEY}",
            description = "Sign and check every frame with this shared key (default: $MOTORMESH_GROUP_KEY; "
                    + "none: open mesh).")
    String groupKey;

    @Option(names = "--no-mdns", description = "Do not use mDNS; only --peer and gossip.")
    boolean noMdns;

    @Option(names = "--scout-port", paramLabel = "PORT",
            defaultValue = "${env:MOTORMESH_SCOUT_PORT:-" + MeshConfig.DEFAULT_SCOUT_PORT + "}",
            description = "UDP port of the scouting group 224.0.0.224 where nodes meet, boards included "
                    + "(default: ${DEFAULT-VALUE}, or $MOTORMESH_SCOUT_PORT; 0 turns scouting off).")
    int scoutPort;

    @Option(names = {"-v", "--verbose"}, description = "Log more (debug).")
    boolean verbose;

    /** A builder with these flags applied, for the verb to add its own settings. */
    public MeshConfig.Builder builder(String role) {
        return MeshConfig.builder().name(name).role(role).interfaceAddress(interfaceName).port(port)
                .groupKey(groupKey).seedPeers(peers).mdns(!noMdns).scoutPort(scoutPort);
    }
}
