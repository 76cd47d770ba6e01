package org.motormesh.bridge;

import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.motormesh.bridge.mapping.ChannelCodec;
import org.motormesh.bridge.mapping.ChannelFrame;
import org.motormesh.bridge.mapping.TopicRules;
import org.motormesh.bridge.stats.Tally;
import org.motormesh.node.MeshNode;
import org.motormesh.proto.v1.Qos;

/**
 * The way down: channel frames become mesh publishes marked as from the channel. Our own echoes (by the
 * client id of our latest welcome), hostile frames and what exceeds the {@link DownRateLimit} are dropped and
 * counted. Runs on the link's read
 * thread, one frame at a time; the mesh publish does not block.
 */
final class Downlink {
    private final ChannelCodec codec;
    private final TopicRules rules;
    private final MeshNode node;
    private final Tally dropped;
    private final LongAdder down = new LongAdder();
    private final DownRateLimit brake;
    private volatile String ownClientId = "";

    private final Consumer<String> ownEcho;

    /** {@code ownEcho} hears the payload of each of our own frames the channel sends back. */
    Downlink(ChannelCodec codec, TopicRules rules, MeshNode node, Tally dropped, int downPerTopicPerS,
             Consumer<String> ownEcho) {
        this.ownEcho = ownEcho;
        this.brake = new DownRateLimit(downPerTopicPerS);
        this.codec = codec;
        this.rules = rules;
        this.node = node;
        this.dropped = dropped;
    }

    /** One text frame from the channel. */
    void onChannelText(String text) {
        ChannelFrame frame = codec.decode(text);
        switch (frame.kind()) {
            case WELCOME:
                ownClientId = frame.clientId();
                return;
            case DROPPED:
                dropped.add(frame.drop().name().toLowerCase(Locale.ROOT));
                return;
            default:
                break;
        }
        if (!ownClientId.isEmpty() && ownClientId.equals(frame.clientId())) {
            dropped.add("echo");
            ownEcho.accept(frame.payload());
            return;
        }
        String topic = rules.downTopic(frame.topic());
        if (topic == null) {
            return;
        }
        if (!brake.allow(frame.clientId(), topic, System.nanoTime())) {
            dropped.add("rate_limited");
            return;
        }
        try {
            node.publishFromChannel(topic, frame.value(), Qos.QOS_LATEST);
            down.increment();
        } catch (IllegalArgumentException tooBigForMesh) {
            dropped.add("too_big_for_mesh");
        }
    }

    /** The link closed: the next welcome brings a new id. */
    void onLinkDown() {
        ownClientId = "";
    }

    /** Messages published on the mesh so far. */
    long down() {
        return down.sum();
    }
}
