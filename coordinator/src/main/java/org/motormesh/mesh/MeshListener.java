package org.motormesh.mesh;

/** Membership events; called on the node's event loop, so implementations must not block. */
public interface MeshListener {
    /** A peer became live: first contact, or again after it was lost or restarted. */
    default void onPeerJoined(PeerView peer) {
    }

    /** A peer was lost: its lease ran out, it said Bye, or it restarted (a join follows). */
    default void onPeerLost(PeerView peer, LossCause cause) {
    }

    /** Why a peer left the table. */
    enum LossCause { LEASE_EXPIRED, BYE, RESTARTED }
}
