package org.motormesh.mesh;

import org.slf4j.Logger;

/** Logs at most one warning per interval and says how many were suppressed, so a flood cannot flood the log. */
public final class RateLimitedLog {
    private final Logger log;
    private final long intervalMs;
    private long lastMs = Long.MIN_VALUE / 2;
    private long suppressed;

    public RateLimitedLog(Logger log, long intervalMs) {
        this.log = log;
        this.intervalMs = intervalMs;
    }

    public synchronized void warn(String message, Throwable cause) {
        long now = System.currentTimeMillis();
        if (now - lastMs < intervalMs) {
            suppressed++;
            return;
        }
        lastMs = now;
        String extra = suppressed > 0 ? " (" + suppressed + " similar suppressed)" : "";
        suppressed = 0;
        log.warn(message + extra, cause);
    }
}
