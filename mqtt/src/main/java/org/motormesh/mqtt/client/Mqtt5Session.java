package org.motormesh.mqtt.client;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5ClientBuilder;
import com.hivemq.client.mqtt.mqtt5.datatypes.Mqtt5UserProperty;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.Mqtt5Subscribe;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.Mqtt5Subscription;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MQTT 5 through the HiveMQ client: clean start, subscriptions with no-local (our own publishes are not sent back),
 * and the room named on every publish as a user property, so other links, and ours after a failover, know where a
 * message came from.
 */
final class Mqtt5Session implements BrokerSession {
    private static final Logger LOG = LoggerFactory.getLogger(Mqtt5Session.class);
    /** The largest packet we accept: a 64 KiB payload (the way down's cap) and its topic and properties. */
    static final int MAX_PACKET_BYTES = 96 * 1024;
    private final SessionSettings settings;
    private final SessionListener listener;
    private final Mqtt5AsyncClient client;
    private volatile boolean stopped;

    Mqtt5Session(SessionSettings settings, SessionListener listener) {
        this.settings = settings;
        this.listener = listener;
        Mqtt5ClientBuilder b = BrokerSessions.common(MqttClient.builder().useMqttVersion5(), settings,
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
        // A broker must not send us more than the way down accepts (the rest would be dropped anyway).
        client.connectWith().cleanStart(true).noSessionExpiry().restrictions()
                .maximumPacketSize(MAX_PACKET_BYTES).applyRestrictions().send();
    }

    private void onConnected() {
        if (settings.filters().isEmpty()) {
            listener.onConnected();
            return;
        }
        List<Mqtt5Subscription> subs = settings.filters().stream().map(f -> Mqtt5Subscription.builder().topicFilter(f)
                .qos(MqttQos.AT_LEAST_ONCE).noLocal(true).build()).toList();
        client.subscribe(Mqtt5Subscribe.builder().addSubscriptions(subs).build()).whenComplete((ack, error) -> {
            if (error != null) {
                // Publishing still works (an access list may forbid only reading): say so, and carry on up.
                LOG.warn("mqtt link: the broker refused our subscription to {} (nothing will come down): {}",
                        settings.filters(), error.getMessage());
            }
            listener.onConnected();
        });
    }

    private void onPublish(Mqtt5Publish p) {
        String origin = null;
        for (Mqtt5UserProperty property : p.getUserProperties().asList()) {
            if (property.getName().toString().equals(SessionSettings.ORIGIN_PROPERTY)) {
                origin = property.getValue().toString();
            }
        }
        listener.onMessage(new Incoming(p.getTopic().toString(), p.getPayloadAsBytes(),
                p.getQos() != MqttQos.AT_MOST_ONCE, p.isRetain(), origin));
    }

    @Override
    public CompletableFuture<Void> publish(String topic, byte[] payload, boolean acked, boolean retain) {
        return client.publishWith().topic(topic).payload(payload)
                .qos(acked ? MqttQos.AT_LEAST_ONCE : MqttQos.AT_MOST_ONCE).retain(retain)
                .userProperties().add(SessionSettings.ORIGIN_PROPERTY, settings.origin()).applyUserProperties()
                .send().thenCompose(result -> result.getError().isPresent()
                        ? CompletableFuture.<Void>failedFuture(result.getError().get())
                        : CompletableFuture.<Void>completedFuture(null));
    }

    @Override
    public void stop() {
        stopped = true;
        BrokerSessions.awaitQuietly(client.disconnect());
    }
}
