package org.motormesh.app.bench;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLongArray;

/** Send times and latencies of numbered samples, written by a sender and a receiver thread; percentiles over arrivals. */
final class Latencies {
    private final AtomicLongArray sentNs;
    private final long[] latencyNs;

    Latencies(int samples) {
        sentNs = new AtomicLongArray(samples);
        latencyNs = new long[samples];
        Arrays.fill(latencyNs, -1);
    }

    void sent(int i, long nowNs) {
        sentNs.set(i, nowNs);
    }

    void received(int i, long nowNs) {
        if (i >= 0 && i < latencyNs.length && sentNs.get(i) != 0 && latencyNs[i] < 0) {
            latencyNs[i] = nowNs - sentNs.get(i);
        }
    }

    int arrived() {
        return (int) Arrays.stream(latencyNs).filter(l -> l >= 0).count();
    }

    /** The q-quantile (0..1) in microseconds over arrived samples, or -1 when none arrived. */
    double percentileUs(double q) {
        long[] arrived = Arrays.stream(latencyNs).filter(l -> l >= 0).sorted().toArray();
        if (arrived.length == 0) {
            return -1;
        }
        int index = (int) Math.min(arrived.length - 1, Math.ceil(q * arrived.length) - 1);
        return arrived[Math.max(index, 0)] / 1000.0;
    }
}
