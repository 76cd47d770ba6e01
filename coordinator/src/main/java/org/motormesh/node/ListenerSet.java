package org.motormesh.node;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.motormesh.mesh.MeshListener;
import org.motormesh.mesh.PeerView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Fans membership events out to every registered listener; one listener's exception does not stop the rest. */
final class ListenerSet implements MeshListener {
    private static final Logger LOG = LoggerFactory.getLogger(ListenerSet.class);
    private final List<MeshListener> listeners = new CopyOnWriteArrayList<>();

    void add(MeshListener listener) {
        listeners.add(listener);
    }

    void remove(MeshListener listener) {
        listeners.remove(listener);
    }

    @Override
    public void onPeerJoined(PeerView peer) {
        for (MeshListener listener : listeners) {
            try {
                listener.onPeerJoined(peer);
            } catch (RuntimeException e) {
                LOG.warn("peer-joined listener failed", e);
            }
        }
    }

    @Override
    public void onPeerLost(PeerView peer, LossCause cause) {
        for (MeshListener listener : listeners) {
            try {
                listener.onPeerLost(peer, cause);
            } catch (RuntimeException e) {
                LOG.warn("peer-lost listener failed", e);
            }
        }
    }
}
