package org.motormesh.dashboard;

/**
 * Settings of one dashboard, validated once.
 *
 * @param httpHost the address the page is served on ({@code 127.0.0.1}: this laptop only)
 * @param httpPort the TCP port (0 picks a free one)
 * @param pushMs how often a snapshot goes to the page
 * @param statusTimeoutMs a node's status report older than this is no longer shown
 * @param maxTopics topics tracked at once; past it the quietest is forgotten
 */
public record DashboardConfig(String httpHost, int httpPort, long pushMs, long statusTimeoutMs, int maxTopics) {
    public static final String DEFAULT_HOST = "127.0.0.1";
    /** Next to the embedded channel server's 47080. */
    public static final int DEFAULT_PORT = 47081;
    /** Ten pictures a second: smooth on a projector, a few kB each. */
    public static final long DEFAULT_PUSH_MS = 100;
    /** Several missed reports (they come every 200 ms). */
    public static final long DEFAULT_STATUS_TIMEOUT_MS = 1500;
    public static final int DEFAULT_MAX_TOPICS = 200;

    /** Validates, quoting the bad value. */
    public DashboardConfig {
        if (httpHost == null || httpHost.isBlank()) {
            throw new IllegalArgumentException("dashboard host must be an address, was '" + httpHost + "'");
        }
        if (httpPort < 0 || httpPort > 65535) {
            throw new IllegalArgumentException("dashboard port must be 0..65535, was " + httpPort);
        }
        if (pushMs < 20 || pushMs > 10_000) {
            throw new IllegalArgumentException("push period must be 20..10000 ms, was " + pushMs);
        }
        if (statusTimeoutMs < pushMs) {
            throw new IllegalArgumentException("status timeout " + statusTimeoutMs + " ms must be at least the push period "
                    + pushMs + " ms");
        }
        if (maxTopics < 1) {
            throw new IllegalArgumentException("maxTopics must be >= 1, was " + maxTopics);
        }
    }

    /** The defaults on a given port. */
    public static DashboardConfig of(int httpPort) {
        return new DashboardConfig(DEFAULT_HOST, httpPort, DEFAULT_PUSH_MS, DEFAULT_STATUS_TIMEOUT_MS, DEFAULT_MAX_TOPICS);
    }
}
