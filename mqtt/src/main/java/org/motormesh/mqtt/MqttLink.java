package org.motormesh.mqtt;

import com.google.gson.JsonElement;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.TrustManagerFactory;
import org.motormesh.bridge.BridgeStats;
import org.motormesh.bridge.ElectedUplink;
import org.motormesh.bridge.election.ElectionRole;
import org.motormesh.bridge.link.TlsTrust;
import org.motormesh.bridge.mapping.ValueMapper;
import org.motormesh.bridge.stats.Tally;
import org.motormesh.mqtt.client.BrokerSession;
import org.motormesh.mqtt.client.BrokerSessions;
import org.motormesh.mqtt.client.Incoming;
import org.motormesh.mqtt.client.SessionListener;
import org.motormesh.mqtt.client.SessionSettings;
import org.motormesh.node.MeshNode;
import org.motormesh.proto.v1.Value;

/**
 * One MQTT link: the bridge's {@link ElectedUplink} (one link per mesh and broker, elected like the channel bridge,
 * with its outbox and failover shadow) carrying chosen mesh topics to the broker through {@link MqttUplink}, and
 * {@link MqttDownlink} bringing chosen broker topics to the mesh. Only the elected link is connected to the broker.
 */
public final class MqttLink implements AutoCloseable {
    /** The mesh-only topic of the MQTT links' failover notices (apart from the channel bridges'). */
    public static final String TAKEN_TOPIC = "$mesh/mqtt/taken";

    private final MqttLinkConfig config;
    private final Tally dropped = new Tally();
    private final ValueMapper values = new ValueMapper(ValueMapper.DEFAULT_MAX_DEPTH);
    private final MqttUplink up;
    private final MqttDownlink down;
    private final ElectedUplink uplink;
    private final EchoMemory echoes;

    /** A link over a started mesh node with role bridge whose channel is {@link MqttLinkConfig#target()}. */
    public MqttLink(MqttLinkConfig config, MeshNode node) throws GeneralSecurityException, IOException {
        this.config = config;
        TopicMap topics = config.topics();
        this.echoes = config.version() == 3 ? new EchoMemory() : null;
        this.up = new MqttUplink(topics, echoes, dropped);
        this.down = new MqttDownlink(topics, config.rules(), config.room(), echoes, node, dropped,
                config.downPerTopicPerS());
        TrustManagerFactory trust = config.tls() ? TlsTrust.trustManagers(config.caCert()) : null;
        SessionSettings session = new SessionSettings(config.host(), config.port(), trust, config.username(),
                config.password(), "motormesh-" + node.id(), topics.filters(config.rules().downPrefixes()),
                config.room());
        BrokerSession broker = BrokerSessions.create(config.version(), session, new SessionListener() {
            @Override
            public void onConnected() {
                up.onUp();
            }

            @Override
            public void onDisconnected(String why) {
                up.onDown(why);
            }

            @Override
            public void onMessage(Incoming message) {
                down.onMessage(message);
            }
        });
        ElectedUplink.Settings settings = new ElectedUplink.Settings("mqtt link", config.target(), TAKEN_TOPIC,
                config.rules(), config.outbox(), config.settleMs());
        this.uplink = new ElectedUplink(settings, node, up, this::encode, dropped, "mqtt-loop");
        up.bind(broker, uplink);
    }

    /** The payload for a mesh value: the channel's JSON for it, alone (the topic is the MQTT topic). */
    private String encode(String topic, Value value) {
        JsonElement json = values.toJson(value);
        return json == null ? null : json.toString();
    }

    /** Joins the election and starts; connects to the broker once elected. */
    public MqttLink start() {
        uplink.start();
        return this;
    }

    /** Counters now; safe from any thread. */
    public BridgeStats stats() {
        Map<String, Long> drops = dropped.snapshot();
        drops.putAll(uplink.ownDrops());
        if (echoes != null) {
            drops.put("echo_memory_evicted", echoes.evicted());
        }
        drops.values().removeIf(n -> n == 0);
        return new BridgeStats(up.state(), uplink.role().name().toLowerCase(Locale.ROOT), uplink.up(), down.down(),
                uplink.queued(), uplink.coalesced(), uplink.shadowed(), drops);
    }

    /** Why the link is down, in words ("" while it is fine). */
    public String lastProblem() {
        return up.lastProblem();
    }

    /** The election role now. */
    public ElectionRole role() {
        return uplink.role();
    }

    public MqttLinkConfig config() {
        return config;
    }

    /** Leaves the election, then disconnects from the broker; the node stays the caller's. */
    @Override
    public void close() {
        uplink.close();
        up.stop();
    }
}
