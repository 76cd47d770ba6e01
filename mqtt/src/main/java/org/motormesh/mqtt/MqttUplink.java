package org.motormesh.mqtt;

import com.hivemq.client.mqtt.exceptions.ConnectionClosedException;
import com.hivemq.client.mqtt.exceptions.ConnectionFailedException;
import com.hivemq.client.mqtt.exceptions.MqttClientStateException;
import com.hivemq.client.mqtt.exceptions.MqttSessionExpiredException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.motormesh.bridge.ElectedUplink;
import org.motormesh.bridge.outbox.Upstream;
import org.motormesh.bridge.stats.Tally;
import org.motormesh.mqtt.client.BrokerSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The way up to the broker, driven by the {@link ElectedUplink}'s loop: each message is published retained (so an MQTT
 * dashboard sees the current state at once), QoS 1 for acknowledged mesh messages and QoS 0 for latest values. What
 * the broker has not confirmed when the connection drops goes back to the head of the outbox, in order, and is sent
 * again after the reconnect (at least once, as MQTT QoS 1 itself), so a broker restart loses nothing the link held.
 * Not thread safe except where said: the uplink's loop owns it.
 */
final class MqttUplink implements ElectedUplink.Link {
    private static final Logger LOG = LoggerFactory.getLogger(MqttUplink.class);
    /** Publishes handed to the client and not yet confirmed; past this the outbox waits (the client has its own queue). */
    static final int MAX_IN_FLIGHT = 1000;

    private final TopicMap topics;
    private final EchoMemory echoes;
    private final Tally dropped;
    private final Map<Long, Upstream> inFlight = new LinkedHashMap<>();
    private BrokerSession session;
    private ElectedUplink uplink;
    private long nextSeq;
    private boolean accepting;
    private volatile String state = "stopped";
    private volatile String lastRefusal = "";

    /** @param echoes what we sent, remembered for MQTT 3.1.1's echoes; null with MQTT 5 (no-local does it) */
    MqttUplink(TopicMap topics, EchoMemory echoes, Tally dropped) {
        this.topics = topics;
        this.echoes = echoes;
        this.dropped = dropped;
    }

    /** Wires the two parts built after this one. */
    void bind(BrokerSession brokerSession, ElectedUplink owner) {
        this.session = brokerSession;
        this.uplink = owner;
    }

    @Override
    public void start() {
        state = "connecting";
        session.start();
    }

    @Override
    public void stop() {
        accepting = false;
        state = "stopped";
        session.stop();
        dropped.add("yielded_in_flight", inFlight.size());
        inFlight.clear();
    }

    /** A QoS 1 message counts as sent (standbys drop their copy) once the broker's PUBACK came, not before. */
    @Override
    public boolean confirmsLater() {
        return true;
    }

    @Override
    public boolean send(Upstream message) {
        if (!accepting || inFlight.size() >= MAX_IN_FLIGHT) {
            return false;
        }
        String topic = topics.mqttTopic(message.topic());
        if (topic == null) {
            dropped.add("bad_mqtt_topic");
            return true;
        }
        long seq = nextSeq++;
        inFlight.put(seq, message);
        if (echoes != null) {
            echoes.sent(topic, message.text());
        }
        try {
            session.publish(topic, message.text().getBytes(StandardCharsets.UTF_8), message.acked(), true)
                    .whenComplete((ok, error) -> uplink.execute(() -> completed(seq, error)));
        } catch (IllegalArgumentException badTopic) {
            inFlight.remove(seq);
            dropped.add("bad_mqtt_topic");
        }
        return true;
    }

    /** The broker confirmed (or refused) one publish. A connection failure leaves it for {@link #onDown}. */
    private void completed(long seq, Throwable error) {
        if (error == null) {
            Upstream confirmed = inFlight.remove(seq);
            if (confirmed != null) {
                uplink.confirmed(confirmed);
            }
            return;
        }
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof ConnectionClosedException || cause instanceof ConnectionFailedException
                || cause instanceof MqttSessionExpiredException || cause instanceof MqttClientStateException) {
            return;
        }
        if (inFlight.remove(seq) != null) {
            dropped.add("refused_by_broker");
            refusal("the broker refused a publish: " + cause.getMessage());
        }
    }

    /** Connected and subscribed: the outbox may flow. Any thread. */
    void onUp() {
        uplink.execute(() -> {
            if (state.equals("stopped")) {
                return;
            }
            accepting = true;
            state = "open";
            lastRefusal = "";
            LOG.info("mqtt link open");
        });
        uplink.onLinkUp();
    }

    /** The connection dropped or an attempt failed: unconfirmed publishes go back to the head of the outbox. Any thread. */
    void onDown(String why) {
        uplink.execute(() -> {
            accepting = false;
            if (!inFlight.isEmpty()) {
                uplink.requeueFirst(new ArrayList<>(inFlight.values()));
                dropped.add("resent_after_drop", inFlight.size());
                inFlight.clear();
            }
            if (!state.equals("stopped")) {
                state = "down";
                refusal(why);
            }
        });
    }

    /** Says why, once per distinct reason (the client retries on its own). */
    private void refusal(String why) {
        if (!why.equals(lastRefusal)) {
            lastRefusal = why;
            LOG.warn("mqtt link: {}", why);
        }
    }

    /** stopped | connecting | open | down. Any thread. */
    String state() {
        return state;
    }

    /** The last reason the link gave for being down ("" while fine). Any thread. */
    String lastProblem() {
        return lastRefusal;
    }
}
