package org.motormesh.bridge.stats;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Counts by reason (drops, closes), incremented from any thread and read as a sorted snapshot. */
public final class Tally {
    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    /** Counts one more under {@code reason}. */
    public void add(String reason) {
        counts.computeIfAbsent(reason, k -> new LongAdder()).increment();
    }

    /** Counts {@code n} more under {@code reason}. */
    public void add(String reason, long n) {
        if (n > 0) {
            counts.computeIfAbsent(reason, k -> new LongAdder()).add(n);
        }
    }

    /** The count under {@code reason}. */
    public long get(String reason) {
        LongAdder a = counts.get(reason);
        return a == null ? 0 : a.sum();
    }

    /** Every reason with its count, sorted by reason. */
    public Map<String, Long> snapshot() {
        Map<String, Long> out = new TreeMap<>();
        counts.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }
}
