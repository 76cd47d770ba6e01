package org.motormesh.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.motormesh.mesh.Json;
import org.motormesh.mesh.PeerView;
import org.motormesh.mesh.Values;
import org.motormesh.node.MeshNode;
import org.motormesh.proto.v1.Qos;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code motormesh pub TOPIC VALUE}: publishes once, like mosquitto_pub. It first waits (bounded) until the
 * subscribers it can discover are known and discovery has settled, so a one-shot publish is not lost.
 */
@Command(name = "pub", mixinStandardHelpOptions = true,
        description = "Publish one value. VALUE is read as integer, decimal, true/false, JSON object/array/null, "
                + "or else text.")
public final class PubCommand implements Callable<Integer> {
    private static final long SETTLE_MS = 150;
    private static final long POLL_MS = 10;

    @Mixin
    MeshOptions mesh;

    @Parameters(index = "0", paramLabel = "TOPIC")
    String topic;

    @Parameters(index = "1", paramLabel = "VALUE")
    String value;

    @Option(names = {"-q", "--qos"}, defaultValue = "1",
            description = "0: latest value, 1: acknowledged (default: ${DEFAULT-VALUE}).")
    int qos;

    @Option(names = "--text", description = "Send VALUE as text, never as a number or JSON.")
    boolean asText;

    @Option(names = "--wait-ms", defaultValue = "3000",
            description = "Longest wait for subscribers, then for acks (default: ${DEFAULT-VALUE}).")
    long waitMs;

    @Option(names = "--json", description = "Print the outcome as one JSON object.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        if (qos != 0 && qos != 1) {
            throw new IllegalArgumentException("--qos " + qos + " must be 0 or 1");
        }
        try (MeshNode node = new MeshNode(mesh.builder("node").build()).start()) {
            int subscribers = awaitSubscribers(node);
            node.publish(topic, asText ? Values.text(value) : Values.parse(value), qos == 1 ? Qos.QOS_ACKED : Qos.QOS_LATEST);
            int unacked = qos == 1 ? awaitAcks(node) : 0;
            report(subscribers, unacked);
            return unacked == 0 ? 0 : 1;
        }
    }

    private int awaitSubscribers(MeshNode node) throws InterruptedException {
        long start = System.currentTimeMillis();
        long lastChange = start;
        int lastPeers = -1;
        while (true) {
            List<PeerView> peers = node.peers();
            long now = System.currentTimeMillis();
            if (peers.size() != lastPeers) {
                lastPeers = peers.size();
                lastChange = now;
            }
            int matching = (int) peers.stream().filter(p -> p.subscriptions().stream().anyMatch(topic::startsWith))
                    .count();
            if ((matching > 0 && now - lastChange >= SETTLE_MS) || now - start >= waitMs) {
                return matching;
            }
            Thread.sleep(POLL_MS);
        }
    }

    private int awaitAcks(MeshNode node) throws InterruptedException {
        long deadline = System.currentTimeMillis() + waitMs;
        int unacked = node.unacknowledged();
        while (unacked > 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(POLL_MS);
            unacked = node.unacknowledged();
        }
        return unacked;
    }

    private void report(int subscribers, int unacked) {
        if (json) {
            spec.commandLine().getOut().println("{\"topic\":" + Json.quote(topic) + ",\"subscribers\":" + subscribers
                    + ",\"unacknowledged\":" + unacked + "}");
        } else if (subscribers == 0) {
            spec.commandLine().getErr().println("motormesh: no subscriber for " + topic + " found within "
                    + waitMs + " ms; nothing was delivered");
        } else if (unacked > 0) {
            spec.commandLine().getErr().println("motormesh: " + unacked + " of " + subscribers
                    + " subscribers did not acknowledge within " + waitMs + " ms");
        }
    }
}
