package org.motormesh.app.bench;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * MQTT 3.1.1 QoS 0 round trips through a Mosquitto broker on loopback, with HiveMQ's client (the one the mesh's
 * MQTT link uses): the application thread publishes, the other client's callback publishes the reply, and this
 * client's callback hands it back to the waiting application thread.
 */
final class MqttRoundTrip implements RoundTrip {
    private final Mqtt3AsyncClient pinger;
    private final Mqtt3AsyncClient ponger;
    private final Reply reply = new Reply();

    MqttRoundTrip(int port) throws Exception {
        String run = Long.toHexString(System.nanoTime());
        pinger = connect("cmp-ping-" + run, port);
        ponger = connect("cmp-pong-" + run, port);
        ponger.subscribeWith().topicFilter("bench/ping").qos(MqttQos.AT_MOST_ONCE)
                .callback(p -> ponger.publishWith().topic("bench/pong").qos(MqttQos.AT_MOST_ONCE)
                        .payload(p.getPayloadAsBytes()).send())
                .send().get(10, TimeUnit.SECONDS);
        pinger.subscribeWith().topicFilter("bench/pong").qos(MqttQos.AT_MOST_ONCE)
                .callback(p -> reply.arrived(parse(p.getPayloadAsBytes())))
                .send().get(10, TimeUnit.SECONDS);
    }

    private static Mqtt3AsyncClient connect(String id, int port) throws Exception {
        Mqtt3AsyncClient client = MqttClient.builder().useMqttVersion3().identifier(id).serverHost("127.0.0.1")
                .serverPort(port).buildAsync();
        client.connectWith().cleanSession(true).send().get(10, TimeUnit.SECONDS);
        return client;
    }

    private static int parse(byte[] payload) {
        try {
            return Integer.parseInt(new String(payload, StandardCharsets.US_ASCII));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    @Override
    public String key() {
        return "mqtt";
    }

    @Override
    public long once(int seq) {
        long t0 = System.nanoTime();
        byte[] payload = Integer.toString(seq).getBytes(StandardCharsets.US_ASCII);
        pinger.publishWith().topic("bench/ping").qos(MqttQos.AT_MOST_ONCE).payload(payload).send();
        return reply.await(seq, LOST_AFTER_NS) ? System.nanoTime() - t0 : -1;
    }

    @Override
    public void close() throws IOException {
        try {
            pinger.disconnect().get(5, TimeUnit.SECONDS);
            ponger.disconnect().get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("MQTT clients did not disconnect: " + e.getMessage(), e);
        }
    }
}
