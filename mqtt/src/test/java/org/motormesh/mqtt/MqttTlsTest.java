package org.motormesh.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.motormesh.bridge.link.TlsTrust;
import org.motormesh.mesh.Values;
import org.motormesh.node.Loopback;
import org.motormesh.node.MeshNode;
import org.motormesh.proto.v1.Qos;

/**
 * A school broker on TLS with its own CA and passwords (Mosquitto, a CA made by keytool in the test): the link verifies
 * the broker's certificate against the CA given with --ca-cert and logs in; without the CA it refuses the broker and
 * says to pass --ca-cert; a wrong password is named as such; plain MQTT to the TLS port says to use mqtts://.
 */
class MqttTlsTest {
    @TempDir
    Path dir;

    @Test
    void shouldVerifyTheBrokerAndLogInAndNameEachRefusal() throws Exception {
        Mosquitto.binaryOrSkip();
        TestCa ca = TestCa.create(dir.resolve("ca"));
        Path passwords = dir.resolve("passwords");
        Process p = new ProcessBuilder("mosquitto_passwd", "-c", "-b", passwords.toString(), "teacher", "s3cret")
                .redirectErrorStream(true).start();
        assertEquals(0, p.waitFor(), new String(p.getInputStream().readAllBytes()));
        List<String> tls = List.of("cafile " + ca.caCert, "certfile " + ca.brokerCert, "keyfile " + ca.brokerKey,
                "allow_anonymous false", "password_file " + passwords);
        try (LocalMosquitto broker = Mosquitto.start(dir.resolve("broker"), tls);
                Room good = new Room("good"); Room untrusted = new Room("untrusted"); Room wrongPass = new Room("wrong");
                Room plain = new Room("plain")) {
            String url = "mqtts://localhost:" + broker.port();
            MqttLinkConfig base = MqttLinkConfig.of(url).withSettleMs(300);

            MeshNode pub = good.node("pub");
            MqttLinkNode link = good.link("link", base.with(5, "teacher", "s3cret", ca.caCert, "motormesh/", "good"), 10);
            MqttLinkTest.awaitOpen(link);
            MqttLinkTest.awaitSubscriber(pub, "good-link");
            Mqtt5BlockingClient reader = MqttClient.builder().useMqttVersion5().serverHost("localhost")
                    .serverPort(broker.port()).sslConfig().trustManagerFactory(TlsTrust.trustManagers(ca.caCert))
                    .applySslConfig().simpleAuth().username("teacher").password("s3cret".getBytes(StandardCharsets.UTF_8))
                    .applySimpleAuth().buildBlocking();
            reader.connect();
            try (Mqtt5BlockingClient.Mqtt5Publishes got = reader.publishes(MqttGlobalPublishFilter.ALL)) {
                reader.subscribeWith().topicFilter("motormesh/#").qos(MqttQos.AT_LEAST_ONCE).send();
                pub.publish("secure/angle", Values.of(90), Qos.QOS_ACKED);
                var message = got.receive(20, TimeUnit.SECONDS).orElseThrow();
                assertEquals("motormesh/secure/angle", message.getTopic().toString());
                assertEquals("90", new String(message.getPayloadAsBytes(), StandardCharsets.UTF_8));
            } finally {
                reader.disconnect();
            }

            untrusted.node("seed");
            MqttLinkNode noCa = untrusted.link("link", base.with(5, "teacher", "s3cret", null, "motormesh/", "u"), 10);
            awaitProblem(noCa, "not signed by an authority");
            assertTrue(noCa.link().lastProblem().contains("--ca-cert"), noCa.link().lastProblem());
            assertEquals("down", noCa.link().stats().link());

            wrongPass.node("seed");
            MqttLinkNode badLogin = wrongPass.link("link", base.with(3, "teacher", "guess", ca.caCert, "motormesh/", "w"),
                    10);
            awaitProblem(badLogin, "auth refused");

            plain.node("seed");
            MqttLinkNode noTls = plain.link("link", MqttLinkConfig.of("mqtt://localhost:" + broker.port())
                    .withSettleMs(300), 10);
            awaitProblem(noTls, "mqtts://");
            System.out.println("[tls] untrusted: " + noCa.link().lastProblem());
            System.out.println("[tls] wrong password: " + badLogin.link().lastProblem());
            System.out.println("[tls] plain to a TLS port: " + noTls.link().lastProblem());
        }
    }

    private static void awaitProblem(MqttLinkNode link, String words) throws InterruptedException {
        Loopback.await(() -> link.link().lastProblem().contains(words), 20_000,
                "the link to say '" + words + "': '" + link.link().lastProblem() + "'");
    }
}
