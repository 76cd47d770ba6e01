package org.motormesh.transport;

import io.netty.channel.SelectStrategy;
import io.netty.util.IntSupplier;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An Aeron-style idle strategy for the event loop: for a short window after any activity it polls the socket
 * without blocking, so a reply that comes back within microseconds is handled without a thread wake-up; after
 * the window it blocks as usual. While polling it yields; and when this process has more event loops than cores
 * (the demo, a bridge with its nodes), at most one loop fewer than there are cores polls at a time, so they never
 * starve each other.
 * CPU cost is bounded by the window per burst of traffic (none when idle). Not thread safe: one per event loop.
 */
final class SpinThenBlockStrategy implements SelectStrategy {
    private static final int CORES = Runtime.getRuntime().availableProcessors();
    private static final AtomicInteger LOOPS = new AtomicInteger();
    private static final AtomicInteger SPINNING = new AtomicInteger();
    private final long spinNanos;
    private long lastActivityNanos;
    private boolean blocked;
    private boolean spinning;

    SpinThenBlockStrategy(long spinMicros) {
        this.spinNanos = spinMicros * 1000;
    }

    /** A loop using this strategy started (counted to decide how many may poll at once). */
    static void loopStarted() {
        LOOPS.incrementAndGet();
    }

    static void loopStopped() {
        LOOPS.decrementAndGet();
    }

    private static int maxSpinning() {
        return LOOPS.get() <= CORES ? CORES : Math.max(1, CORES - 1);
    }

    @Override
    public int calculateStrategy(IntSupplier selectNow, boolean hasTasks) throws Exception {
        long now = System.nanoTime();
        if (blocked) {
            // back from a blocking wait: something happened (I/O, a task or a timer)
            blocked = false;
            lastActivityNanos = now;
        }
        if (hasTasks) {
            lastActivityNanos = now;
            return selectNow.get();
        }
        if (now - lastActivityNanos < spinNanos && (spinning || claimSpin())) {
            Thread.yield();
            int ready = selectNow.get();
            if (ready > 0) {
                lastActivityNanos = now;
            }
            return ready;
        }
        if (spinning) {
            spinning = false;
            SPINNING.decrementAndGet();
        }
        blocked = true;
        return SelectStrategy.SELECT;
    }

    /** Gives back this loop's polling slot if it holds one; called once its loop has stopped. */
    synchronized void release() {
        if (spinning) {
            spinning = false;
            SPINNING.decrementAndGet();
        }
    }

    /** Loops polling now, process-wide (for tests). */
    static int spinningNow() {
        return SPINNING.get();
    }

    private boolean claimSpin() {
        int n = SPINNING.get();
        int max = maxSpinning();
        while (n < max) {
            if (SPINNING.compareAndSet(n, n + 1)) {
                spinning = true;
                return true;
            }
            n = SPINNING.get();
        }
        return false;
    }
}
