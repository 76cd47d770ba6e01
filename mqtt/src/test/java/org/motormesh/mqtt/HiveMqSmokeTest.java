package org.motormesh.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3Client;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The MQTT client library works on this project's Netty 4.2: a real connect, subscribe and publish, 3.1.1 and 5. */
class HiveMqSmokeTest {
    @TempDir
    Path dir;

    @Test
    void shouldConnectSubscribeAndPublishWithBothVersionsOnNetty42() throws Exception {
        try (Mosquitto broker = Mosquitto.start(dir)) {
            Mqtt5BlockingClient sub = Mqtt5Client.builder().serverHost("127.0.0.1").serverPort(broker.port())
                    .identifier("smoke-sub").buildBlocking();
            sub.connect();
            try (Mqtt5BlockingClient.Mqtt5Publishes publishes = sub.publishes(MqttGlobalPublishFilter.ALL)) {
                sub.subscribeWith().topicFilter("smoke/#").qos(MqttQos.AT_LEAST_ONCE).send();
                Mqtt3BlockingClient pub = Mqtt3Client.builder().serverHost("127.0.0.1").serverPort(broker.port())
                        .identifier("smoke-pub").buildBlocking();
                pub.connect();
                pub.publishWith().topic("smoke/a").qos(MqttQos.AT_LEAST_ONCE)
                        .payload("42".getBytes(StandardCharsets.UTF_8)).send();
                var got = publishes.receive(5, TimeUnit.SECONDS).orElseThrow();
                assertEquals("smoke/a", got.getTopic().toString());
                assertEquals("42", new String(got.getPayloadAsBytes(), StandardCharsets.UTF_8));
                pub.disconnect();
            }
            sub.disconnect();
        }
    }
}
