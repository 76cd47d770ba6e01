package org.motormesh.bridge.election;

import java.util.Collection;
import java.util.Comparator;

/**
 * Picks the one bridge that holds the channel link: among live bridges of the same channel, the highest
 * priority, then the lowest node id. Every bridge computes the same answer from the same peer view. A newly
 * started bridge stays SETTLING for a while, so it hears its rivals before it connects; an incumbent that
 * sees a better rival yields at once. Hence at most one link even while a better bridge joins.
 * Not thread safe: owned by the bridge loop; time is passed in.
 */
public final class BridgeElection {
    /** Longer than a mesh lease plus a Hello round, so rivals are known before claiming. */
    public static final long DEFAULT_SETTLE_MS = 2000;

    /** Best first: higher priority, then lower node id. */
    public static final Comparator<Candidate> RANK = Comparator.comparingInt(Candidate::priority).reversed()
            .thenComparing(Candidate::nodeId);

    private final Candidate self;
    private final long settleUntilMs;

    /** An election for {@code self}, started at {@code startedMs}, settling for {@code settleMs}. */
    public BridgeElection(Candidate self, long startedMs, long settleMs) {
        if (settleMs < 0) {
            throw new IllegalArgumentException("settleMs must be >= 0, was " + settleMs);
        }
        this.self = self;
        this.settleUntilMs = startedMs + settleMs;
    }

    /** This bridge's role given the bridges currently live on the mesh (others; self is added here). */
    public ElectionRole evaluate(long nowMs, Collection<Candidate> liveBridges) {
        if (!leader(liveBridges).nodeId().equals(self.nodeId())) {
            return ElectionRole.STANDBY;
        }
        return nowMs < settleUntilMs ? ElectionRole.SETTLING : ElectionRole.ACTIVE;
    }

    /** The winner among {@code liveBridges} and this bridge, counting only those of this bridge's channel. */
    public Candidate leader(Collection<Candidate> liveBridges) {
        Candidate best = self;
        for (Candidate c : liveBridges) {
            if (c.channel().equals(self.channel()) && RANK.compare(c, best) < 0) {
                best = c;
            }
        }
        return best;
    }
}
