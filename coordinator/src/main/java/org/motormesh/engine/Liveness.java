package org.motormesh.engine;

import java.util.ArrayList;
import java.util.List;
import org.motormesh.membership.Peer;
import org.motormesh.membership.PeerTable;

/**
 * Liveness whose idle cost does not grow with the mesh (proto/FRAME.md, "Liveness"): keep-alives only to the
 * peers we publish to and only on a quiet flow, a probe once 60 % of a silent peer's lease has passed, and loss
 * at 100 %. Partners' leases are short (about a second), as are those of bridges watching each other for
 * failover; everyone else's follows their beacon interval. Time is
 * passed in. Not thread safe: owned by the event loop.
 */
final class Liveness {
    /** A member's lease is this many of its beacon intervals (at least {@link #MIN_MEMBER_LEASE_MS}). */
    static final int MEMBER_LEASE_BEACONS = 4;
    static final long MIN_MEMBER_LEASE_MS = 3000;
    private static final long MIN_PROBE_GAP_MS = 100;

    /** What the engine sends when liveness says so. */
    interface Actions {
        void sendKeepAlive(Peer peer, long nowMs);

        void sendProbe(Peer peer, long nowMs);
    }

    private final long keepAliveMs;
    private final long partnerLeaseMs;
    private final Actions actions;

    Liveness(long keepAliveMs, long partnerLeaseMs, Actions actions) {
        this.keepAliveMs = keepAliveMs;
        this.partnerLeaseMs = partnerLeaseMs;
        this.actions = actions;
    }

    /** The lease of {@code peer}: short for a partner that sends us data, else four of its beacon intervals. */
    long leaseMs(Peer peer) {
        if (peer.publishesToUs() || peer.watched()) {
            return partnerLeaseMs;
        }
        return Math.max(MIN_MEMBER_LEASE_MS, MEMBER_LEASE_BEACONS * (long) Math.max(peer.beaconMs(), 1000));
    }

    /** Sends what is due and removes and returns the peers whose lease ran out. */
    List<Peer> sweep(PeerTable peers, long nowMs) {
        List<Peer> lost = null;
        for (Peer peer : peers.all()) {
            long lease = leaseMs(peer);
            long silence = nowMs - peer.lastHeardMs();
            if (silence > lease) {
                if (lost == null) {
                    lost = new ArrayList<>();
                }
                lost.add(peer);
                continue;
            }
            if (silence * 10 >= lease * 6 && nowMs >= peer.nextProbeMs()) {
                actions.sendProbe(peer, nowMs);
                peer.probeSent(nowMs + Math.max(MIN_PROBE_GAP_MS, lease / 10));
            }
            if ((peer.subscribedToUs() || peer.watched()) && nowMs - peer.lastSentMs() >= keepAliveMs) {
                actions.sendKeepAlive(peer, nowMs);
            }
        }
        if (lost == null) {
            return List.of();
        }
        for (Peer peer : lost) {
            peers.remove(peer.nodeId());
        }
        return lost;
    }
}
