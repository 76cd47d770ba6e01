package org.motormesh.engine;

import java.util.random.RandomGenerator;

/**
 * When to speak on the scouting group (proto/FRAME.md, "Discovery"): queries while this node knows no peer,
 * beacons at a mean interval that grows with the mesh so the room's total stays about
 * {@link #ROOM_BEACONS_PER_S} a second, and one aggregated beacon in answer to any number of newcomers. It only
 * decides; the engine sends. Time is passed in. Not thread safe: owned by the event loop.
 */
final class Scout {
    /** The whole room's beacon rate, whatever its size (RTP's constant-total-rate rule). */
    static final int ROOM_BEACONS_PER_S = 10;
    static final long MIN_BEACON_MS = 1000;
    /** Queries while alone: after 1, 2, 4, 8 s, then every 8 s. */
    static final long MAX_QUERY_GAP_MS = 8000;
    /** A node that heard no scout frame for this long takes multicast as not working here. */
    static final long MULTICAST_SILENT_MS = 30_000;
    private static final long ANSWER_MIN_DELAY_MS = 20;
    private static final long ANSWER_MAX_SPREAD_MS = 500;

    /** What the engine does when the scout says so. */
    interface Actions {
        /** Sends our Hello to the group ({@code query}: asking for answers); {@code broadcastToo} adds the fallback. */
        void sendScoutHello(boolean query, boolean broadcastToo, long nowMs);
    }

    private final Actions actions;
    private final RandomGenerator random;
    private long nextBeaconMs;
    private long answerAtMs = -1;
    private long nextQueryMs;
    private int queries;
    private long lastHeardMs = Long.MIN_VALUE / 2;

    Scout(Actions actions, RandomGenerator random, long nowMs) {
        this.actions = actions;
        this.random = random;
        this.nextQueryMs = nowMs;
        this.nextBeaconMs = nowMs + MIN_BEACON_MS;
    }

    /** The mean beacon interval for a node that knows {@code peers} others: max(1 s, 100 ms × (peers + 1)). */
    static long intervalMs(int peers) {
        return Math.max(MIN_BEACON_MS, 1000L * (peers + 1) / ROOM_BEACONS_PER_S);
    }

    /** A valid Hello arrived on the scout socket; a query or a stranger's Hello is answered by one beacon soon. */
    void onScoutHello(boolean query, boolean stranger, int peers, long nowMs) {
        lastHeardMs = nowMs;
        if ((query || stranger) && answerAtMs < 0) {
            long spread = Math.min(ANSWER_MAX_SPREAD_MS, 10L * (peers + 1));
            answerAtMs = nowMs + ANSWER_MIN_DELAY_MS + random.nextLong(spread + 1);
        }
    }

    /** Our address changed (or we want to be found again at once): query now. */
    void queryNow(long nowMs) {
        queries = 0;
        nextQueryMs = nowMs;
    }

    /** Our subscriptions changed: tell the group at once. */
    void beaconNow(long nowMs) {
        answerAtMs = nowMs;
    }

    void onTick(int peers, long nowMs) {
        if (peers == 0 && nowMs >= nextQueryMs) {
            actions.sendScoutHello(true, queries > 0, nowMs);
            nextQueryMs = nowMs + Math.min(MAX_QUERY_GAP_MS, MIN_BEACON_MS << Math.min(queries, 3));
            queries++;
            scheduleBeacon(peers, nowMs);
            return;
        }
        if (peers > 0) {
            queries = 0;
            nextQueryMs = nowMs + MIN_BEACON_MS;
        }
        if ((answerAtMs >= 0 && nowMs >= answerAtMs) || nowMs >= nextBeaconMs) {
            actions.sendScoutHello(false, false, nowMs);
            scheduleBeacon(peers, nowMs);
        }
    }

    /** True while scout frames are heard (so gossip-listed peers are left to scouting). */
    boolean multicastHeard(long nowMs) {
        return nowMs - lastHeardMs < MULTICAST_SILENT_MS;
    }

    private void scheduleBeacon(int peers, long nowMs) {
        answerAtMs = -1;
        long mean = intervalMs(peers);
        nextBeaconMs = nowMs + mean / 2 + random.nextLong(mean + 1);
    }
}
