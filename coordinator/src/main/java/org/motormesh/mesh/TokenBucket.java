package org.motormesh.mesh;

/**
 * A token bucket fed the time: at most {@code burst} takes at once, refilled at {@code perSecond}. The one brake
 * behind every rate the network or a user could otherwise push (discovery reports, the bridge's way down, the
 * dashboard's publishes). Not thread safe: its owner guards it.
 */
public final class TokenBucket {
    private final double burst;
    private final double perNs;
    private double tokens;
    private long lastNs;

    /** Full at {@code nowNs}. */
    public TokenBucket(double burst, double perSecond, long nowNs) {
        if (burst < 1 || perSecond <= 0) {
            throw new IllegalArgumentException("a token bucket needs burst >= 1 and a positive rate, was burst "
                    + burst + ", " + perSecond + "/s");
        }
        this.burst = burst;
        this.perNs = perSecond / 1e9;
        this.tokens = burst;
        this.lastNs = nowNs;
    }

    /** Takes one token at {@code nowNs}, or says no (nothing taken). A clock that steps back refills nothing. */
    public boolean tryTake(long nowNs) {
        tokens = Math.min(burst, tokens + Math.max(0, nowNs - lastNs) * perNs);
        lastNs = Math.max(lastNs, nowNs);
        if (tokens < 1) {
            return false;
        }
        tokens -= 1;
        return true;
    }

    /** Returns a token taken for something that then did not happen. */
    public void giveBack() {
        tokens = Math.min(burst, tokens + 1);
    }
}
