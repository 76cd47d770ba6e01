package org.motormesh.bridge.link;

import java.net.URI;
import java.nio.file.Path;

/**
 * Settings of the channel link, validated once.
 *
 * @param url the channel, {@code ws://} or {@code wss://}
 * @param trustCert one extra certificate file to trust (a self-signed server), or null
 * @param maxFrameBytes inbound frames larger than this close the link with 1009
 * @param pingSeconds ping interval; a link without pong for 1.5 intervals is closed, so a dead one is
 *     noticed within two intervals
 * @param maxUnsent frames handed to the socket but not yet written; past it {@code send} says no
 * @param backoff reconnect delays
 */
public record LinkConfig(URI url, Path trustCert, int maxFrameBytes, int pingSeconds, int maxUnsent, Backoff backoff) {
    /** The WebSocket frame cap: 1 MiB. */
    public static final int DEFAULT_MAX_FRAME_BYTES = 1 << 20;
    /** Two intervals (8 s) stay under the 10 s in which a dead link must be noticed. */
    public static final int DEFAULT_PING_SECONDS = 4;
    /** Keeps the socket's own queue small; the outbox holds the rest. */
    public static final int DEFAULT_MAX_UNSENT = 1024;

    /** Validates, quoting the bad value. */
    public LinkConfig {
        String scheme = url == null ? null : url.getScheme();
        if (!"ws".equalsIgnoreCase(scheme) && !"wss".equalsIgnoreCase(scheme) || url.getHost() == null) {
            throw new IllegalArgumentException("channel URL must be ws://HOST/... or wss://HOST/..., was " + url);
        }
        if (trustCert != null && !trustCert.toFile().isFile()) {
            throw new IllegalArgumentException("--trust-cert file not found: " + trustCert);
        }
        if (maxFrameBytes < 1024) {
            throw new IllegalArgumentException("maxFrameBytes must be >= 1024, was " + maxFrameBytes);
        }
        if (pingSeconds < 1) {
            throw new IllegalArgumentException("pingSeconds must be >= 1, was " + pingSeconds);
        }
        if (maxUnsent < 1) {
            throw new IllegalArgumentException("maxUnsent must be >= 1, was " + maxUnsent);
        }
    }

    /** The defaults for a channel URL and an optional extra certificate. */
    public static LinkConfig of(String url, Path trustCert) {
        return new LinkConfig(URI.create(url), trustCert, DEFAULT_MAX_FRAME_BYTES, DEFAULT_PING_SECONDS,
                DEFAULT_MAX_UNSENT, Backoff.defaults());
    }

    /** The same settings with other reconnect delays. */
    public LinkConfig withBackoff(Backoff other) {
        return new LinkConfig(url, trustCert, maxFrameBytes, pingSeconds, maxUnsent, other);
    }

    /** True for {@code wss://}. */
    public boolean secure() {
        return "wss".equalsIgnoreCase(url.getScheme());
    }
}
