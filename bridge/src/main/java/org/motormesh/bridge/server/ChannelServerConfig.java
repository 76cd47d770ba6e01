package org.motormesh.bridge.server;

import java.nio.file.Path;

/**
 * Settings of the embedded channel server, validated once.
 *
 * @param host the address to listen on ({@code 127.0.0.1} for this laptop only, {@code 0.0.0.0} for the LAN)
 * @param port the TCP port (0 picks a free one)
 * @param tls serve {@code wss://} with the self-signed certificate kept in {@code configDir}
 * @param configDir where the certificate lives
 * @param maxQueuedPerClient frames waiting for one slow client; past it that client misses frames (counted)
 * @param maxFrameBytes inbound frames larger than this close the sender with 1009
 * @param maxTextChars a message's text cap; longer ones are dropped and counted
 */
public record ChannelServerConfig(String host, int port, boolean tls, Path configDir, int maxQueuedPerClient,
        int maxFrameBytes, int maxTextChars) {
    /** Loopback: offline classroom on this laptop. */
    public static final String DEFAULT_HOST = "127.0.0.1";
    /** Next to the mesh's usual port. */
    public static final int DEFAULT_PORT = 47080;
    /** About a second of a busy channel. */
    public static final int DEFAULT_MAX_QUEUED = 4096;
    /** As the client link: 1 MiB. */
    public static final int DEFAULT_MAX_FRAME_BYTES = 1 << 20;
    /** As the bridge's codec: 64 KiB. */
    public static final int DEFAULT_MAX_TEXT_CHARS = 64 * 1024;

    /** Validates, quoting the bad value. */
    public ChannelServerConfig {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host must be an address, was '" + host + "'");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, was " + port);
        }
        if (tls && configDir == null) {
            throw new IllegalArgumentException("wss needs a config directory for its certificate");
        }
        if (maxQueuedPerClient < 1 || maxFrameBytes < 1024 || maxTextChars < 16) {
            throw new IllegalArgumentException("caps too small: queue " + maxQueuedPerClient + ", frame "
                    + maxFrameBytes + ", text " + maxTextChars);
        }
    }

    /** The defaults on a given host and port, with or without TLS. */
    public static ChannelServerConfig of(String host, int port, boolean tls, Path configDir) {
        return new ChannelServerConfig(host, port, tls, configDir, DEFAULT_MAX_QUEUED, DEFAULT_MAX_FRAME_BYTES,
                DEFAULT_MAX_TEXT_CHARS);
    }
}
