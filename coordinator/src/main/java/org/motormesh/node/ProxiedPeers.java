package org.motormesh.node;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;
import org.motormesh.discovery.DnssdProxy;
import org.motormesh.mesh.MeshListener;
import org.motormesh.mesh.PeerView;
import org.motormesh.engine.MeshEngine;

/**
 * Keeps the DNS-SD proxy in step with membership: a peer that does not answer DNS-SD itself is published while it
 * is live and withdrawn when it is lost. Called on the node's event loop.
 */
final class ProxiedPeers implements MeshListener {
    private final DnssdProxy proxy;

    ProxiedPeers(DnssdProxy proxy) {
        this.proxy = proxy;
    }

    @Override
    public void onPeerJoined(PeerView peer) {
        if (peer.dnssd() || peer.name().isEmpty()) {
            return;
        }
        try {
            InetAddress host = InetAddress.getByName(peer.address());
            if (host instanceof Inet4Address v4) {
                proxy.add(peer.name(), v4, peer.port(), Map.of("v", Integer.toString(MeshEngine.PROTOCOL_VERSION),
                        "id", peer.nodeId(), "role", peer.role()));
            }
        } catch (UnknownHostException e) {
            // a dotted address never needs a look-up
        }
    }

    @Override
    public void onPeerLost(PeerView peer, LossCause cause) {
        if (cause != LossCause.RESTARTED) {
            proxy.remove(peer.name());
        }
    }
}
