package org.motormesh.transport;

import io.netty.channel.SelectStrategy;
import io.netty.util.IntSupplier;

/**
 * An Aeron-style idle strategy for the event loop: for a short window after any activity it polls the socket
 * without blocking, so a reply that comes back within microseconds is handled without a thread wake-up; after
 * the window it blocks as usual. While polling it yields, so other runnable threads are not starved. CPU cost is
 * bounded by the window per burst of traffic (none when idle).
 * Not thread safe: one per event loop.
 */
final class SpinThenBlockStrategy implements SelectStrategy {
    private final long spinNanos;
    private long lastActivityNanos;
    private boolean blocked;

    SpinThenBlockStrategy(long spinMicros) {
        this.spinNanos = spinMicros * 1000;
    }

    @Override
    public int calculateStrategy(IntSupplier selectNow, boolean hasTasks) throws Exception {
        long now = System.nanoTime();
        if (blocked) {
            // we come back from a blocking wait: something happened (I/O, a task or a timer)
            blocked = false;
            lastActivityNanos = now;
        }
        if (hasTasks) {
            lastActivityNanos = now;
            return selectNow.get();
        }
        if (now - lastActivityNanos < spinNanos) {
            // give way to any other runnable thread on this core (the peer loop, on a 2-core laptop)
            Thread.yield();
            int ready = selectNow.get();
            if (ready > 0) {
                lastActivityNanos = now;
            }
            return ready;
        }
        blocked = true;
        return SelectStrategy.SELECT;
    }
}
