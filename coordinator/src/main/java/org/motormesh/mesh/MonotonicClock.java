package org.motormesh.mesh;

/** The one place the node reads the time: microseconds on a monotonic clock, never 0 (0 means "none" on the wire). */
public final class MonotonicClock {
    private static final long ORIGIN_NANOS = System.nanoTime();

    private MonotonicClock() {
    }

    public static long nowUs() {
        return (System.nanoTime() - ORIGIN_NANOS) / 1000 + 1_000_000;
    }
}
