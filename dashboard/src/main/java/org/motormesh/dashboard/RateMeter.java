package org.motormesh.dashboard;

import java.util.Arrays;

/**
 * Messages per second over the last second, in ten 100 ms buckets, so a topic that stops shows 0 within a
 * second. Not thread safe: owned by the dashboard loop; time is passed in.
 */
final class RateMeter {
    private static final int BUCKETS = 10;
    private static final long BUCKET_MS = 100;

    private final long[] counts = new long[BUCKETS];
    private final long[] buckets = new long[BUCKETS];

    RateMeter() {
        Arrays.fill(buckets, Long.MIN_VALUE);
    }

    void record(long nowMs) {
        long bucket = Math.floorDiv(nowMs, BUCKET_MS);
        int i = (int) Math.floorMod(bucket, (long) BUCKETS);
        if (buckets[i] != bucket) {
            buckets[i] = bucket;
            counts[i] = 0;
        }
        counts[i]++;
    }

    /** Events in the window of the current bucket and the nine before it, per second. */
    double perSecond(long nowMs) {
        long now = Math.floorDiv(nowMs, BUCKET_MS);
        long sum = 0;
        for (int i = 0; i < BUCKETS; i++) {
            if (buckets[i] <= now && buckets[i] > now - BUCKETS) {
                sum += counts[i];
            }
        }
        return sum * 1000.0 / (BUCKETS * BUCKET_MS);
    }
}
