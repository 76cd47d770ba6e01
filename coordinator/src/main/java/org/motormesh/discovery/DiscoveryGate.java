package org.motormesh.discovery;

import java.net.InetSocketAddress;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.motormesh.mesh.TokenBucket;

/**
 * Rate-limits what discovery hands the mesh loop: a hostile responder announcing thousands of new instance names
 * must not flood the loop with work (16,000 names at 200/s froze a node for up to 17.7 s). A token bucket lets
 * {@link #RATE_PER_S} reports a second through (bursts of {@link #BURST}); the same instance at the same address is
 * passed at most once per {@link #REPEAT_MS}, remembered for at most {@link #MAX_REMEMBERED} instances (the oldest
 * forgotten). Everything refused is counted. Thread safe: JmDNS and the probe listener call it from their threads.
 */
public final class DiscoveryGate {
    static final int RATE_PER_S = 20;
    static final int BURST = 40;
    static final long REPEAT_MS = 1_000;
    static final int MAX_REMEMBERED = 256;
    private final LongSupplier clockMs;
    private final Map<String, Long> lastPassedMs = new LinkedHashMap<>();
    private final AtomicLong refused = new AtomicLong();
    private final TokenBucket rate;

    public DiscoveryGate(LongSupplier clockMs) {
        this.clockMs = clockMs;
        this.rate = new TokenBucket(BURST, RATE_PER_S, clockMs.getAsLong() * 1_000_000);
    }

    /** True when this report may go to the mesh loop now; false (counted) when it is a repeat or over the rate. */
    public synchronized boolean pass(String instance, InetSocketAddress address) {
        long now = clockMs.getAsLong();
        String key = instance + "@" + address;
        Long last = lastPassedMs.get(key);
        if (last != null && now - last < REPEAT_MS) {
            refused.incrementAndGet();
            return false;
        }
        if (!rate.tryTake(now * 1_000_000)) {
            refused.incrementAndGet();
            return false;
        }
        lastPassedMs.remove(key);
        lastPassedMs.put(key, now);
        if (lastPassedMs.size() > MAX_REMEMBERED) {
            Iterator<String> eldest = lastPassedMs.keySet().iterator();
            eldest.next();
            eldest.remove();
        }
        return true;
    }

    /** Reports refused since start (repeats and over-rate). */
    public long refused() {
        return refused.get();
    }
}
