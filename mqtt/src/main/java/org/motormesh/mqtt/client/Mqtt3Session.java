package org.motormesh.mqtt.client;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3ClientBuilder;
import com.hivemq.client.mqtt.mqtt3.message.publish.Mqtt3Publish;
import com.hivemq.client.mqtt.mqtt3.message.subscribe.Mqtt3Subscribe;
import com.hivemq.client.mqtt.mqtt3.message.subscribe.Mqtt3Subscription;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MQTT 3.1.1 through the HiveMQ client: clean session. 3.1.1 has no no-local subscription and no user properties,
 * so our own publishes come back and carry no room: the link recognises them by what it sent (see EchoMemory).
 */
final class Mqtt3Session implements BrokerSession {
    private static final Logger LOG = LoggerFactory.getLogger(Mqtt3Session.class);
    private final SessionSettings settings;
    private final SessionListener listener;
    private final Mqtt3AsyncClient client;
    private volatile boolean stopped;

    Mqtt3Session(SessionSettings settings, SessionListener listener) {
        this.settings = settings;
        this.listener = listener;
        Mqtt3ClientBuilder b = BrokerSessions.common(MqttClient.builder().useMqttVersion3(), settings,
                this::onConnected, c -> BrokerSessions.onDisconnected(c, stopped, settings, listener));
        if (settings.username() != null) {
            b = b.simpleAuth().username(settings.username())
                    .password(settings.passwordBytes()).applySimpleAuth();
        }
        this.client = b.buildAsync();
        client.publishes(MqttGlobalPublishFilter.SUBSCRIBED, this::onPublish);
    }

    @Override
    public void start() {
        stopped = false;
        client.connectWith().cleanSession(true).send();
    }

    private void onConnected() {
        if (settings.filters().isEmpty()) {
            listener.onConnected();
            return;
        }
        List<Mqtt3Subscription> subs = settings.filters().stream().map(f -> Mqtt3Subscription.builder().topicFilter(f)
                .qos(MqttQos.AT_LEAST_ONCE).build()).toList();
        client.subscribe(Mqtt3Subscribe.builder().addSubscriptions(subs).build()).whenComplete((ack, error) -> {
            if (error != null) {
                // Publishing still works (an access list may forbid only reading): say so, and carry on up.
                LOG.warn("mqtt link: the broker refused our subscription to {} (nothing will come down): {}",
                        settings.filters(), error.getMessage());
            }
            listener.onConnected();
        });
    }

    private void onPublish(Mqtt3Publish p) {
        listener.onMessage(new Incoming(p.getTopic().toString(), p.getPayloadAsBytes(),
                p.getQos() != MqttQos.AT_MOST_ONCE, p.isRetain(), null));
    }

    @Override
    public CompletableFuture<Void> publish(String topic, byte[] payload, boolean acked, boolean retain) {
        return client.publishWith().topic(topic).payload(payload)
                .qos(acked ? MqttQos.AT_LEAST_ONCE : MqttQos.AT_MOST_ONCE).retain(retain).send()
                .thenApply(published -> null);
    }

    @Override
    public void stop() {
        stopped = true;
        BrokerSessions.awaitQuietly(client.disconnect());
    }
}
