package org.motormesh.engine;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Looking again (proto/FRAME.md, "Liveness"): seeds for the node's whole life, and lost partners for ten minutes,
 * are contacted after 0.25, 0.5 and 1 s, then every second (lost partners: every 10 s after the first minute),
 * so a cut heals within about a second of the network coming back. Bounded, oldest evicted first. Time is passed
 * in. Not thread safe: owned by the event loop.
 */
final class PeerSearch {
    static final int MAX_TARGETS = 256;
    static final long FAST_PHASE_MS = 60_000;
    static final long GIVE_UP_MS = 600_000;
    private static final long FIRST_DELAY_MS = 250;
    private static final long FAST_GAP_MS = 1000;
    private static final long SLOW_GAP_MS = 10_000;

    private static final class Target {
        final boolean seed;
        InetSocketAddress address;
        long sinceMs;
        long nextMs;
        int attempts;

        Target(boolean seed, InetSocketAddress address, long nowMs) {
            this.seed = seed;
            this.address = address;
            this.sinceMs = nowMs;
            this.nextMs = seed ? nowMs : nowMs + FIRST_DELAY_MS;
        }
    }

    /** Keyed by node id for lost partners, by "seed:host:port" for seeds. */
    private final Map<String, Target> targets = new LinkedHashMap<>();
    private long evicted;

    void addSeed(InetSocketAddress address, long nowMs) {
        put("seed:" + address, new Target(true, address, nowMs));
    }

    /** A partner was lost: look for it at its last address. */
    void onLost(String nodeId, InetSocketAddress lastAddress, long nowMs) {
        put(nodeId, new Target(false, lastAddress, nowMs));
    }

    /** A peer is live again: stop looking for it. */
    void onFound(String nodeId) {
        targets.remove(nodeId);
    }

    /**
     * The addresses to say Hello to now. {@code live} tells whether some live peer already has an address: a seed
     * that is live is not contacted, and its back-off starts again when it goes quiet.
     */
    List<InetSocketAddress> due(long nowMs, java.util.function.Predicate<InetSocketAddress> live) {
        List<InetSocketAddress> due = new ArrayList<>();
        for (Iterator<Target> it = targets.values().iterator(); it.hasNext(); ) {
            Target target = it.next();
            if (target.seed && live.test(target.address)) {
                target.attempts = 0;
                target.nextMs = nowMs + FIRST_DELAY_MS;
                continue;
            }
            if (!target.seed && nowMs - target.sinceMs > GIVE_UP_MS) {
                it.remove();
                continue;
            }
            if (nowMs >= target.nextMs) {
                due.add(target.address);
                target.nextMs = nowMs + gapMs(target, nowMs);
                target.attempts++;
            }
        }
        return due;
    }

    int size() {
        return targets.size();
    }

    long evicted() {
        return evicted;
    }

    private static long gapMs(Target target, long nowMs) {
        if (target.attempts < 2) {
            return FIRST_DELAY_MS << (target.attempts + 1);
        }
        return target.seed || nowMs - target.sinceMs < FAST_PHASE_MS ? FAST_GAP_MS : SLOW_GAP_MS;
    }

    private void put(String key, Target target) {
        targets.remove(key);
        targets.put(key, target);
        if (targets.size() > MAX_TARGETS) {
            Iterator<Target> eldest = targets.values().iterator();
            eldest.next();
            eldest.remove();
            evicted++;
        }
    }
}
