package org.motormesh.app.bench;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What arrived of a series 0, 1, ..., n-1 sent once each, in arrival order: delivered (distinct), duplicated,
 * lost, and how often a value came after a newer one (backwards). Thread safe: receivers add from their threads.
 */
final class SeriesTally {
    private final List<Long> arrivals = new ArrayList<>();

    synchronized void add(long value) {
        arrivals.add(value);
    }

    synchronized int size() {
        return arrivals.size();
    }

    synchronized boolean contains(long value) {
        return arrivals.contains(value);
    }

    synchronized long max() {
        return arrivals.stream().mapToLong(Long::longValue).max().orElse(-1);
    }

    /** The counts for a series of {@code n} values. */
    synchronized Counts counts(long n) {
        Set<Long> distinct = new HashSet<>();
        long backwards = 0;
        long last = Long.MIN_VALUE;
        for (long v : arrivals) {
            if (v >= 0 && v < n) {
                distinct.add(v);
            }
            if (v <= last) {
                backwards++;
            }
            last = Math.max(last, v);
        }
        return new Counts(n, distinct.size(), arrivals.size() - distinct.size(), n - distinct.size(), backwards);
    }

    /** Counts of one series; {@code lost} = sent - delivered. */
    record Counts(long sent, long delivered, long duplicated, long lost, long backwards) {
        String json() {
            return "{\"sent\":" + sent + ",\"delivered\":" + delivered + ",\"duplicated\":" + duplicated + ",\"lost\":"
                    + lost + ",\"backwards\":" + backwards + "}";
        }

        String text() {
            return delivered + " delivered, " + duplicated + " duplicated, " + lost + " lost of " + sent
                    + (backwards > 0 ? ", " + backwards + " backwards" : "");
        }
    }
}
