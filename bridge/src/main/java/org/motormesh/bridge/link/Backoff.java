package org.motormesh.bridge.link;

/**
 * Capped, jittered exponential back-off: attempt n waits between half and all of
 * {@code min(maxMs, initialMs * 2^n)}, so a classroom of bridges does not reconnect in lockstep.
 *
 * @param initialMs the first delay's upper bound
 * @param maxMs the cap
 */
public record Backoff(long initialMs, long maxMs) {
    /** Quick first retry: a restarted local server is back within a second. */
    public static final long DEFAULT_INITIAL_MS = 250;
    /** The hosted relay is shared; never retry more often than this once it keeps failing. */
    public static final long DEFAULT_MAX_MS = 10_000;

    /** Validates, quoting the bad value. */
    public Backoff {
        if (initialMs < 1 || maxMs < initialMs) {
            throw new IllegalArgumentException("back-off needs 1 <= initialMs <= maxMs, was " + initialMs + ", " + maxMs);
        }
    }

    /** The defaults. */
    public static Backoff defaults() {
        return new Backoff(DEFAULT_INITIAL_MS, DEFAULT_MAX_MS);
    }

    /** The delay before attempt {@code attempt} (0 = first retry), given a uniform random in [0, 1). */
    public long delayMs(int attempt, double random01) {
        long ceiling = initialMs << Math.min(Math.max(attempt, 0), 30);
        long base = Math.min(maxMs, ceiling < 0 ? maxMs : ceiling);
        return base / 2 + (long) (base / 2.0 * random01);
    }
}
