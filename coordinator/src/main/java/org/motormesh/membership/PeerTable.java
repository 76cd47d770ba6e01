package org.motormesh.membership;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The live peers by node id, expired by lease. Not thread safe: owned by the node's event loop; other threads
 * see {@link org.motormesh.mesh.PeerView} snapshots.
 */
public final class PeerTable {
    private final Map<String, Peer> peers = new LinkedHashMap<>();
    private final long leaseMs;

    public PeerTable(long leaseMs) {
        this.leaseMs = leaseMs;
    }

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

    /** Removes and returns every peer not heard from within the lease. */
    public List<Peer> expire(long nowMs) {
        List<Peer> lost = new ArrayList<>();
        for (Iterator<Peer> it = peers.values().iterator(); it.hasNext(); ) {
            Peer peer = it.next();
            if (nowMs - peer.lastHeardMs() > leaseMs) {
                it.remove();
                lost.add(peer);
            }
        }
        return lost;
    }
}
