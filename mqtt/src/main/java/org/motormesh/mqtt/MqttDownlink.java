package org.motormesh.mqtt;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.LongAdder;
import com.google.gson.JsonElement;
import org.motormesh.bridge.DownRateLimit;
import org.motormesh.bridge.mapping.ChannelCodec;
import org.motormesh.bridge.mapping.TopicRules;
import org.motormesh.bridge.mapping.ValueMapper;
import org.motormesh.bridge.stats.Tally;
import org.motormesh.mqtt.client.Incoming;
import org.motormesh.node.MeshNode;
import org.motormesh.proto.v1.Qos;
import org.motormesh.proto.v1.Value;

/**
 * The way down: broker messages become mesh publishes marked as from the channel, so no link or bridge sends them up
 * again (no loops). Dropped and counted: our own messages coming back (same room, or, with MQTT 3.1.1, what this link
 * sent), MQTT 3.1.1 retained copies of topics this mesh publishes itself (the mesh's own value is the current one),
 * payloads that are too large, not UTF-8, or over the per-topic brake. A payload that is JSON becomes the value the
 * channel would make of it ({@link ValueMapper}); other text travels as text. QoS 1 and 2 become acknowledged mesh
 * messages, QoS 0 latest values. Runs on the client's thread; thread safe.
 */
final class MqttDownlink {
    private final TopicMap topics;
    private final TopicRules rules;
    private final String room;
    private final EchoMemory echoes;
    private final MeshNode node;
    private final Tally dropped;
    private final ValueMapper values = new ValueMapper(ValueMapper.DEFAULT_MAX_DEPTH);
    private final DownRateLimit brake;
    private final LongAdder down = new LongAdder();

    MqttDownlink(TopicMap topics, TopicRules rules, String room, EchoMemory echoes, MeshNode node, Tally dropped,
            int downPerTopicPerS) {
        this.topics = topics;
        this.rules = rules;
        this.room = room;
        this.echoes = echoes;
        this.node = node;
        this.dropped = dropped;
        this.brake = new DownRateLimit(downPerTopicPerS);
    }

    void onMessage(Incoming m) {
        if (room.equals(m.origin())) {
            dropped.add("echo");
            return;
        }
        String meshTopic = topics.meshTopic(m.topic());
        String topic = meshTopic == null ? null : rules.downTopic(meshTopic);
        if (topic == null) {
            dropped.add("not_down");
            return;
        }
        if (m.payload().length > ChannelCodec.DEFAULT_MAX_CHARS) {
            dropped.add("too_large");
            return;
        }
        String text = utf8(m.payload());
        if (text == null) {
            dropped.add("not_utf8");
            return;
        }
        if (echoes != null && echoes.isEcho(m.topic(), text)) {
            dropped.add("echo");
            return;
        }
        if (echoes != null && m.retained() && m.origin() == null && rules.upTopic(topic) != null) {
            dropped.add("retained_own_topic");
            return;
        }
        boolean allowed;
        synchronized (brake) {
            allowed = brake.allow(topic, topic, System.nanoTime());
        }
        if (!allowed) {
            dropped.add("rate_limited");
            return;
        }
        JsonElement json = values.parse(text);
        Value value = json == null ? Value.newBuilder().setText(text).build() : values.toValue(json);
        try {
            node.publishFromChannel(topic, value, m.acked() ? Qos.QOS_ACKED : Qos.QOS_LATEST);
            down.increment();
        } catch (IllegalArgumentException tooBigForMesh) {
            dropped.add("too_big_for_mesh");
        }
    }

    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    long down() {
        return down.sum();
    }
}
