package org.motormesh.engine;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.motormesh.membership.Peer;

/**
 * Peers that said Bye or whose lease ran out, kept with their epoch and replay windows so that their captured Hello
 * and frames replayed later in the same epoch are refused as REPLAYED instead of bringing them back (proto/FRAME.md,
 * step 6). A peer that comes back with fresh frames, or a newer epoch, is taken out again. Bounded: past
 * {@link #MAX_DEPARTED} the oldest is evicted and counted. Not thread safe: owned by the event loop.
 */
final class DepartedPeers {
    static final int MAX_DEPARTED = 1024;
    private final Map<String, Peer> departed = new LinkedHashMap<>();
    private final Counters counters;

    DepartedPeers(Counters counters) {
        this.counters = counters;
    }

    void put(Peer peer) {
        departed.remove(peer.nodeId());
        departed.put(peer.nodeId(), peer);
        if (departed.size() > MAX_DEPARTED) {
            Iterator<Peer> eldest = departed.values().iterator();
            eldest.next();
            eldest.remove();
            counters.departedEvicted.increment();
        }
    }

    /** The departed peer with this id, removed from here, or null. */
    Peer take(String nodeId) {
        return departed.remove(nodeId);
    }

    int size() {
        return departed.size();
    }
}
