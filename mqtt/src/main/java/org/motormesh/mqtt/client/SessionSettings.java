package org.motormesh.mqtt.client;

import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.net.ssl.TrustManagerFactory;

/**
 * How to reach and log in to the broker, and what to subscribe to.
 *
 * @param host the broker's host name or address
 * @param port its port
 * @param trust the authorities to verify its TLS certificate against, or null for plain TCP
 * @param username the user name, or null to connect anonymously
 * @param password the password (with a user name), or null
 * @param clientId the MQTT client identifier
 * @param filters the topic filters to subscribe to (QoS 1), made again on every connect
 * @param origin the room name carried on every publish (MQTT 5 user property {@link #ORIGIN_PROPERTY}) and used to
 *               recognise our own messages coming back
 */
public record SessionSettings(String host, int port, TrustManagerFactory trust, String username, String password,
                              String clientId, List<String> filters, String origin) {
    /** The MQTT 5 user property naming the room a message came from through a motormesh link. */
    public static final String ORIGIN_PROPERTY = "motormesh-room";

    /** Validates, quoting the bad value. */
    public SessionSettings {
        if (host == null || host.isEmpty()) {
            throw new IllegalArgumentException("a broker host is required");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("broker port must be 1 to 65535, was " + port);
        }
        if (password != null && username == null) {
            throw new IllegalArgumentException("a password needs a user name (--username)");
        }
        filters = List.copyOf(filters);
    }

    /** True when the connection uses TLS. */
    public boolean tls() {
        return trust != null;
    }

    /** The password as the client sends it: UTF-8, empty when a user name has none. */
    byte[] passwordBytes() {
        return password == null ? new byte[0] : password.getBytes(StandardCharsets.UTF_8);
    }
}
