package org.motormesh.mqtt;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * A plain MQTT 5 client standing for a school's dashboard or Node-RED: subscribes to a filter and records every
 * message; publishes. With {@code persistent}, its session (and what the broker queues for it) outlives a broker
 * restart, and it reconnects on its own.
 */
final class MqttProbe implements AutoCloseable {
    /** One received message. */
    record Got(String topic, String payload, boolean retained, boolean acked) {
    }

    private final Mqtt5AsyncClient client;
    private final List<Got> got = new CopyOnWriteArrayList<>();

    private MqttProbe(Mqtt5AsyncClient client) {
        this.client = client;
    }

    static MqttProbe connect(int port, String filter) throws Exception {
        return connect(port, filter, false, "probe-" + UUID.randomUUID().toString().substring(0, 8));
    }

    static MqttProbe connect(int port, String filter, boolean persistent, String id) throws Exception {
        var builder = MqttClient.builder().useMqttVersion5().identifier(id).serverHost("127.0.0.1").serverPort(port);
        if (persistent) {
            builder = builder.automaticReconnect().initialDelay(100, TimeUnit.MILLISECONDS)
                    .maxDelay(500, TimeUnit.MILLISECONDS).applyAutomaticReconnect();
        }
        MqttProbe probe = new MqttProbe(builder.buildAsync());
        probe.client.publishes(MqttGlobalPublishFilter.ALL, p -> probe.got.add(new Got(p.getTopic().toString(),
                new String(p.getPayloadAsBytes(), StandardCharsets.UTF_8), p.isRetain(),
                p.getQos() != MqttQos.AT_MOST_ONCE)));
        var connect = probe.client.connectWith().cleanStart(!persistent);
        (persistent ? connect.sessionExpiryInterval(600) : connect).send().get(10, TimeUnit.SECONDS);
        if (filter != null) {
            probe.client.subscribeWith().topicFilter(filter).qos(MqttQos.AT_LEAST_ONCE).send().get(10, TimeUnit.SECONDS);
        }
        return probe;
    }

    void publish(String topic, String payload, boolean acked) throws Exception {
        publish(topic, payload.getBytes(StandardCharsets.UTF_8), acked);
    }

    /** Any bytes at all, as a hostile client on the broker may send. */
    void publish(String topic, byte[] payload, boolean acked) throws Exception {
        client.publishWith().topic(topic).payload(payload)
                .qos(acked ? MqttQos.AT_LEAST_ONCE : MqttQos.AT_MOST_ONCE).send().get(10, TimeUnit.SECONDS);
    }

    List<Got> got() {
        return got;
    }

    List<String> payloads(String topic) {
        return got.stream().filter(g -> g.topic().equals(topic)).map(Got::payload).collect(Collectors.toList());
    }

    boolean has(Predicate<Got> p) {
        return got.stream().anyMatch(p);
    }

    @Override
    public void close() {
        try {
            client.disconnect().get(2, TimeUnit.SECONDS);
        } catch (Exception ignored) {
            // the broker may be gone already
        }
    }
}
