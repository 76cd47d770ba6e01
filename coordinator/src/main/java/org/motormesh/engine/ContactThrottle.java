package org.motormesh.engine;

import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;

/**
 * Limits unsolicited Hellos to one per address per interval, so gossip, seeds and strangers' frames cannot make
 * the node flood. Bounded. Not thread safe: owned by the event loop.
 */
final class ContactThrottle {
    static final long INTERVAL_MS = 500;
    private static final int MAX_ADDRESSES = 1024;
    private final Map<InetSocketAddress, Long> lastContactMs = new HashMap<>();

    /** True (and remembered) when {@code address} was not contacted within the interval. */
    boolean allow(InetSocketAddress address, long nowMs) {
        Long last = lastContactMs.get(address);
        if (last != null && nowMs - last < INTERVAL_MS) {
            return false;
        }
        if (lastContactMs.size() >= MAX_ADDRESSES) {
            lastContactMs.values().removeIf(t -> nowMs - t >= INTERVAL_MS);
            if (lastContactMs.size() >= MAX_ADDRESSES) {
                return false;
            }
        }
        lastContactMs.put(address, nowMs);
        return true;
    }
}
