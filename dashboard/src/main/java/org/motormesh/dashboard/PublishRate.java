package org.motormesh.dashboard;

/**
 * A token bucket for the dashboard's publishes, shared by every page that has it open: a dragged slider or a
 * script cannot flood the mesh. Time is passed in. Thread safe (Netty's thread in use, tests elsewhere).
 */
final class PublishRate {
    private final int burst;
    private final double perMs;
    private double tokens;
    private long lastMs;
    private boolean started;
    private long refused;

    /** At most {@code burst} at once, refilled at {@code perSecond}. */
    PublishRate(int burst, int perSecond) {
        if (burst < 1 || perSecond < 1) {
            throw new IllegalArgumentException("publish rate must be at least 1, was burst " + burst + ", "
                    + perSecond + "/s");
        }
        this.burst = burst;
        this.perMs = perSecond / 1000.0;
        this.tokens = burst;
    }

    /** Takes one token, or says no (and counts the refusal). */
    synchronized boolean tryTake(long nowMs) {
        if (started) {
            tokens = Math.min(burst, tokens + Math.max(0, nowMs - lastMs) * perMs);
        }
        started = true;
        lastMs = nowMs;
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        refused++;
        return false;
    }

    synchronized long refused() {
        return refused;
    }
}
