package org.motormesh.dashboard;

import org.motormesh.mesh.TokenBucket;

/**
 * A token bucket for the dashboard's publishes, shared by every page that has it open: a dragged slider or a
 * script cannot flood the mesh. Time is passed in. Thread safe (Netty's thread in use, tests elsewhere).
 */
final class PublishRate {
    private final int burst;
    private final int perSecond;
    private TokenBucket bucket; // made at the first take: its time starts there
    private long refused;

    /** At most {@code burst} at once, refilled at {@code perSecond}. */
    PublishRate(int burst, int perSecond) {
        if (burst < 1 || perSecond < 1) {
            throw new IllegalArgumentException("publish rate must be at least 1, was burst " + burst + ", "
                    + perSecond + "/s");
        }
        this.burst = burst;
        this.perSecond = perSecond;
    }

    /** Takes one token, or says no (and counts the refusal). */
    synchronized boolean tryTake(long nowMs) {
        if (bucket == null) {
            bucket = new TokenBucket(burst, perSecond, nowMs * 1_000_000);
        }
        if (bucket.tryTake(nowMs * 1_000_000)) {
            return true;
        }
        refused++;
        return false;
    }

    synchronized long refused() {
        return refused;
    }
}
