package org.motormesh.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import org.motormesh.bridge.BridgeConfig;
import org.motormesh.bridge.election.BridgeElection;
import org.motormesh.bridge.mapping.TopicRules;
import org.motormesh.bridge.outbox.OutboxConfig;
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

    @Option(names = "--up", description = "Mesh topic prefix sent to MQTT; repeatable (default: all).")
    List<String> up = new ArrayList<>();

    @Option(names = "--down", description = "MQTT topic prefix (without PREFIX) brought to the mesh; repeatable "
            + "(default: all).")
    List<String> down = new ArrayList<>();

    @Option(names = "--map", description = "Rename MESH_TOPIC=MQTT_TOPIC (without PREFIX), both ways; repeatable.")
    List<String> maps = new ArrayList<>();

    @Option(names = "--rate", defaultValue = "" + OutboxConfig.DEFAULT_RATE_PER_TOPIC,
            description = "Messages/s per topic toward MQTT; 0 turns coalescing off (default ${DEFAULT-VALUE}).")
    int rate;

    @Option(names = "--queue", defaultValue = "" + OutboxConfig.DEFAULT_CAPACITY,
            description = "Messages held, in order, while the broker is unreachable (default ${DEFAULT-VALUE}).")
    int queue;

    @Option(names = "--down-rate", defaultValue = "" + BridgeConfig.DEFAULT_DOWN_PER_TOPIC_PER_S,
            description = "Most messages a second brought down on one topic; 0 for no limit (default ${DEFAULT-VALUE}).")
    int downRate;

    @Option(names = "--priority", defaultValue = "10", description = "Election priority, higher wins (default "
            + "${DEFAULT-VALUE}).")
    int priority;

    @Mixin
    MeshOptions mesh;

    @Option(names = "--status-every", defaultValue = "2",
            description = "Seconds between status lines; 0 for none (default ${DEFAULT-VALUE}).")
    int statusEvery;

    @Override
    public Integer call() throws Exception {
        MqttLinkConfig config = config();
        ScheduledExecutorService timer = Loops.start("mqtt-status");
        MqttLinkNode link = MqttLinkNode.start(mesh.builder("bridge").priority(priority), config, timer);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            link.close();
            timer.shutdownNow();
            stopped.countDown();
        }));
        MeshNode node = link.node();
        System.out.println("mqtt link " + node.name() + " (id " + node.id() + ", priority " + priority + ") for "
                + config.target() + " as room '" + room + "', MQTT " + (version == 3 ? "3.1.1" : "5")
                + (username == null ? ", anonymous" : ", user " + username) + "; up " + describe(up) + ", down "
                + describe(down));
        StatusLoop.run(statusEvery, stopped, () -> statusLine(link.link()));
        return 0;
    }

    /** The validated settings (a clear message for each bad option). */
    MqttLinkConfig config() throws java.io.IOException {
        Map<String, String> renames = new LinkedHashMap<>();
        maps.forEach(rule -> TopicRules.parseRename(rule, renames));
        TopicRules rules = new TopicRules(up.isEmpty() ? List.of("") : up, down.isEmpty() ? List.of("") : down, renames);
        if (caCert != null && !Files.isReadable(caCert)) {
            throw new IllegalArgumentException("--ca-cert " + caCert + ": no such readable file");
        }
        return new MqttLinkConfig(MqttLinkConfig.parseBroker(broker), version, username, password(), caCert, prefix,
                room, rules, new OutboxConfig(queue, rate, OutboxConfig.DEFAULT_MAX_TOPICS),
                BridgeElection.DEFAULT_SETTLE_MS, downRate);
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

    private static String describe(List<String> prefixes) {
        return prefixes.isEmpty() ? "all" : String.join(" ", prefixes);
    }
}
