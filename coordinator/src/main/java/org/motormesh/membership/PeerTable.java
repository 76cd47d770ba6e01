package org.motormesh.membership;

import java.net.InetSocketAddress;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The live peers by node id (their leases are swept by the engine). Not thread safe: owned by the node's event
 * loop; other threads see {@link org.motormesh.mesh.PeerView} snapshots.
 */
public final class PeerTable {
    private final Map<String, Peer> peers = new LinkedHashMap<>();

    public Peer get(String nodeId) {
        return peers.get(nodeId);
    }

    public void add(Peer peer) {
        peers.put(peer.nodeId(), peer);
    }

    public Peer remove(String nodeId) {
        return peers.remove(nodeId);
    }

    public Collection<Peer> all() {
        return peers.values();
    }

    public int size() {
        return peers.size();
    }

    /** True when a live peer is at {@code address}. */
    public boolean hasAddress(InetSocketAddress address) {
        for (Peer peer : peers.values()) {
            if (peer.address().equals(address)) {
                return true;
            }
        }
        return false;
    }
}
