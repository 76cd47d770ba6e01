package org.motormesh.bridge.election;

import java.util.Collection;
import java.util.Comparator;

/**
 * Picks the one bridge that holds the channel link: among live bridges of the same channel, the highest
 * priority, then the lowest node id. Every bridge computes the same answer from the same peer view. A newly
 * started bridge stays SETTLING for a while, so it hears its rivals before it connects. The bridge holding the
 * link advertises its priority raised by {@link #INCUMBENT_BONUS}, so a better bridge that joins or comes back
 * does not take over from a healthy one (no flapping, nothing lost in a hand-over); two incumbents (a healed
 * partition) compare as usual and one yields. Hence at most one link.
 * Not thread safe: owned by the bridge loop; time is passed in.
 */
public final class BridgeElection {
    /** Longer than a mesh lease plus a Hello round, so rivals are known before claiming. */
    public static final long DEFAULT_SETTLE_MS = 2000;
    /** Added to the advertised priority of the bridge that holds the link (above any user priority). */
    public static final int INCUMBENT_BONUS = 1 << 24;

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
        return evaluate(nowMs, liveBridges, false);
    }

    /** As {@link #evaluate(long, Collection)}; {@code incumbent}: this bridge holds the link (and says so). */
    public ElectionRole evaluate(long nowMs, Collection<Candidate> liveBridges, boolean incumbent) {
        if (!leader(liveBridges, incumbent).nodeId().equals(self.nodeId())) {
            return ElectionRole.STANDBY;
        }
        return nowMs < settleUntilMs ? ElectionRole.SETTLING : ElectionRole.ACTIVE;
    }

    /** The winner among {@code liveBridges} and this bridge, counting only those of this bridge's channel. */
    public Candidate leader(Collection<Candidate> liveBridges) {
        return leader(liveBridges, false);
    }

    private Candidate leader(Collection<Candidate> liveBridges, boolean incumbent) {
        Candidate best = incumbent ? advertised(true) : self;
        for (Candidate c : liveBridges) {
            if (c.channel().equals(self.channel()) && RANK.compare(c, best) < 0) {
                best = c;
            }
        }
        return best;
    }

    /** What this bridge advertises: its priority, raised while it holds the link. */
    public Candidate advertised(boolean incumbent) {
        return incumbent ? new Candidate(self.nodeId(), self.priority() + INCUMBENT_BONUS, self.channel()) : self;
    }
}
