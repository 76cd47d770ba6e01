package org.motormesh.mqtt;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Locale;
import org.motormesh.bridge.BridgeConfig;
import org.motormesh.bridge.election.BridgeElection;
import org.motormesh.bridge.mapping.TopicRules;
import org.motormesh.bridge.outbox.OutboxConfig;

/**
 * Every setting of one MQTT link, validated here, quoting the bad value.
 *
 * @param broker {@code mqtt://HOST[:PORT]} (TCP, 1883) or {@code mqtts://HOST[:PORT]} (TLS, 8883)
 * @param version 3 (MQTT 3.1.1) or 5
 * @param username user name, or null for an anonymous client
 * @param password password (with a user name), or null
 * @param caCert also trust the authority in this file (a school's own CA), or null for the JDK's authorities only
 * @param prefix MQTT topic = prefix + mesh topic
 * @param room this mesh's name on the broker: carried on each publish (MQTT 5) so that several meshes linked through
 *             one broker know their own messages from the others'
 * @param rules which mesh topics go up and which come down (the bridge's {@code --up}/{@code --down}/{@code --map})
 * @param outbox held while the broker is away, and the per-topic rate up
 * @param settleMs how long a new link listens for rivals before claiming the broker
 * @param downPerTopicPerS the brake on the way down, messages a second per topic (0: none)
 */
public record MqttLinkConfig(URI broker, int version, String username, String password, Path caCert, String prefix,
                             String room, TopicRules rules, OutboxConfig outbox, long settleMs, int downPerTopicPerS) {
    /** The topic prefix by default. */
    public static final String DEFAULT_PREFIX = "motormesh/";
    /** The room by default (name each room when several meshes share a broker). */
    public static final String DEFAULT_ROOM = "room";

    /** Validates, quoting the bad value. */
    public MqttLinkConfig {
        if (broker == null || rules == null || outbox == null) {
            throw new IllegalArgumentException("broker, rules and outbox are required");
        }
        String scheme = broker.getScheme() == null ? "" : broker.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("mqtt") && !scheme.equals("mqtts")) {
            throw new IllegalArgumentException("--broker wants mqtt://HOST[:PORT] or mqtts://HOST[:PORT], got '"
                    + broker + "'");
        }
        if (broker.getHost() == null || broker.getHost().isEmpty()) {
            throw new IllegalArgumentException("--broker '" + broker + "' names no host");
        }
        if (broker.getUserInfo() != null) {
            throw new IllegalArgumentException("put the user name and password in --username/--password, not in the "
                    + "broker URL");
        }
        if (version != 3 && version != 5) {
            throw new IllegalArgumentException("--mqtt-version must be 3 (3.1.1) or 5, was " + version);
        }
        if (password != null && username == null) {
            throw new IllegalArgumentException("--password needs --username");
        }
        if (room == null || !room.matches("[A-Za-z0-9._-]{1,40}")) {
            throw new IllegalArgumentException("--room '" + room + "' must be 1 to 40 letters, digits, '.', '_' or '-'");
        }
        if (caCert != null && !tls(broker)) {
            throw new IllegalArgumentException("--ca-cert is for a TLS broker: use mqtts://" + broker.getHost()
                    + " (port 8883 by default)");
        }
        if (settleMs < 0 || downPerTopicPerS < 0) {
            throw new IllegalArgumentException("settle and down rate must be >= 0");
        }
        new TopicMap(prefix);
    }

    /** Defaults for a broker URL: everything crosses both ways under {@link #DEFAULT_PREFIX}, MQTT 5, anonymous. */
    public static MqttLinkConfig of(String broker) {
        return new MqttLinkConfig(parseBroker(broker), 5, null, null, null, DEFAULT_PREFIX, DEFAULT_ROOM,
                TopicRules.all(), OutboxConfig.defaults(), BridgeElection.DEFAULT_SETTLE_MS,
                BridgeConfig.DEFAULT_DOWN_PER_TOPIC_PER_S);
    }

    /** Parses {@code --broker}, accepting a bare {@code HOST[:PORT]} as {@code mqtt://}. */
    public static URI parseBroker(String text) {
        String t = text.contains("://") ? text : "mqtt://" + text;
        try {
            return new URI(t);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("--broker '" + text + "' is not a URL: " + e.getReason());
        }
    }

    private static boolean tls(URI broker) {
        return "mqtts".equalsIgnoreCase(broker.getScheme());
    }

    /** True for mqtts://. */
    public boolean tls() {
        return tls(broker);
    }

    /** The broker's host. */
    public String host() {
        return broker.getHost();
    }

    /** The broker's port, or the scheme's default (1883, or 8883 for TLS). */
    public int port() {
        return broker.getPort() > 0 ? broker.getPort() : tls() ? 8883 : 1883;
    }

    /** The topic map. */
    public TopicMap topics() {
        return new TopicMap(prefix);
    }

    /**
     * What the link serves, as advertised on the mesh (the node's channel): links of the same target compete in the
     * election, so a mesh has one link per broker and prefix. Carries no credentials.
     */
    public String target() {
        return (tls() ? "mqtts://" : "mqtt://") + host() + ":" + port() + "/" + topics().prefix();
    }

    /** The same settings with other rules. */
    public MqttLinkConfig withRules(TopicRules r) {
        return new MqttLinkConfig(broker, version, username, password, caCert, prefix, room, r, outbox, settleMs,
                downPerTopicPerS);
    }

    /** The same settings with another outbox. */
    public MqttLinkConfig withOutbox(OutboxConfig o) {
        return new MqttLinkConfig(broker, version, username, password, caCert, prefix, room, rules, o, settleMs,
                downPerTopicPerS);
    }

    /** The same settings with another protocol version, credentials, CA file, prefix and room. */
    public MqttLinkConfig with(int v, String user, String pass, Path ca, String p, String r) {
        return new MqttLinkConfig(broker, v, user, pass, ca, p, r, rules, outbox, settleMs, downPerTopicPerS);
    }

    /** The same settings with another settle time. */
    public MqttLinkConfig withSettleMs(long ms) {
        return new MqttLinkConfig(broker, version, username, password, caCert, prefix, room, rules, outbox, ms,
                downPerTopicPerS);
    }

    @Override
    public String toString() {
        return "MqttLinkConfig[" + target() + " v" + version + (username == null ? "" : " user " + username)
                + " room " + room + "]";
    }
}
