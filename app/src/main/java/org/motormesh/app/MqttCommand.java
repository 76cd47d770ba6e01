package org.motormesh.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.ScheduledExecutorService;
import org.motormesh.bridge.election.BridgeElection;
import org.motormesh.bridge.mapping.TopicRules;
import org.motormesh.cli.MeshOptions;
import org.motormesh.mesh.Loops;
import org.motormesh.mqtt.MqttLink;
import org.motormesh.mqtt.MqttLinkConfig;
import org.motormesh.mqtt.MqttLinkNode;
import org.motormesh.node.MeshNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code motormesh mqtt}: joins the mesh and, when elected, holds the mesh's one link to an MQTT broker. */
@Command(name = "mqtt", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Link the mesh to an MQTT broker (MQTT 3.1.1 or 5, TCP or TLS): mesh topic T is MQTT topic "
                + "PREFIX+T both ways, values as the channel's JSON, QoS 0/1 kept, latest values retained.",
                "Run it on one or more laptops of the room: one link per mesh and broker is elected, another takes "
                        + "over within about a second. Several rooms on one broker see each other's topics: give "
                        + "each room its own --room."},
        footer = {"", "Examples:",
                "  motormesh mqtt --broker mqtt://raspberrypi.local",
                "  motormesh mqtt --broker mqtts://broker.school.lan --ca-cert school-ca.pem --username room12 "
                        + "--password-file room12.pass --room room12 --prefix school/ --up room12/"})
public final class MqttCommand implements Callable<Integer> {
    /** Read when neither --password nor --password-file is given, so the password need not be on the command line. */
    static final String PASSWORD_ENV = "MOTORMESH_MQTT_PASSWORD";

    @Option(names = "--broker", required = true, paramLabel = "URL",
            description = "mqtt://HOST[:PORT] (TCP, default port 1883) or mqtts://HOST[:PORT] (TLS, 8883).")
    String broker;

    @Option(names = "--mqtt-version", defaultValue = "5", paramLabel = "3|5",
            description = "MQTT protocol: 5, or 3 for 3.1.1 (default ${DEFAULT-VALUE}).")
    int version;

    @Option(names = "--username", description = "Log in with this user name (default: anonymous).")
    String username;

    @Option(names = "--password", description = "The password (or --password-file, or $" + PASSWORD_ENV + ").")
    String password;

    @Option(names = "--password-file", paramLabel = "FILE", description = "Read the password from this file.")
    Path passwordFile;

    @Option(names = "--ca-cert", paramLabel = "FILE",
            description = "Also trust the authority in this PEM file (a school's own CA); the broker's certificate "
                    + "and host name are always verified.")
    Path caCert;

    @Option(names = "--prefix", defaultValue = MqttLinkConfig.DEFAULT_PREFIX,
            description = "MQTT topic prefix: mesh topic T is MQTT topic PREFIX+T (default ${DEFAULT-VALUE}).")
    String prefix;

    @Option(names = "--room", defaultValue = MqttLinkConfig.DEFAULT_ROOM,
            description = "This mesh's name on the broker; give each room its own when several share a broker "
                    + "(default ${DEFAULT-VALUE}).")
    String room;

    @Mixin
    MeshOptions mesh;

    @Mixin
    UplinkOptions uplink;

    @Override
    public Integer call() throws Exception {
        MqttLinkConfig config = config();
        ScheduledExecutorService timer = Loops.start("mqtt-status");
        MqttLinkNode link = MqttLinkNode.start(mesh.builder("bridge").priority(uplink.priority), config, timer);
        MeshNode node = link.node();
        System.out.println("mqtt link " + node.name() + " (id " + node.id() + ", priority " + uplink.priority + ") for "
                + config.target() + " as room '" + room + "', MQTT " + (version == 3 ? "3.1.1" : "5")
                + (username == null ? ", anonymous" : ", user " + username) + "; up " + UplinkOptions.describe(uplink.up) + ", down "
                + UplinkOptions.describe(uplink.down));
        StatusLoop.untilStopped(uplink.statusEvery, () -> {
            link.close();
            timer.shutdownNow();
        }, () -> statusLine(link.link()));
        return 0;
    }

    /** The validated settings (a clear message for each bad option). */
    MqttLinkConfig config() throws java.io.IOException {
        TopicRules rules = uplink.rules();
        if (caCert != null && !Files.isReadable(caCert)) {
            throw new IllegalArgumentException("--ca-cert " + caCert + ": no such readable file");
        }
        return new MqttLinkConfig(MqttLinkConfig.parseBroker(broker), version, username, password(), caCert, prefix,
                room, rules, uplink.outbox(), BridgeElection.DEFAULT_SETTLE_MS, uplink.downRate);
    }

    private String password() throws java.io.IOException {
        if (password != null && passwordFile != null) {
            throw new IllegalArgumentException("give --password or --password-file, not both");
        }
        if (passwordFile != null) {
            if (!Files.isReadable(passwordFile)) {
                throw new IllegalArgumentException("--password-file " + passwordFile + ": no such readable file");
            }
            return Files.readString(passwordFile).strip();
        }
        if (password == null && username != null) {
            return System.getenv(PASSWORD_ENV);
        }
        return password;
    }

    static String statusLine(MqttLink link) {
        String problem = link.lastProblem();
        return "mqtt " + link.stats().statusLine() + (problem.isEmpty() ? "" : " | " + problem);
    }

}
