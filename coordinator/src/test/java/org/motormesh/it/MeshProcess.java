package org.motormesh.it;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.motormesh.mesh.MeshConfig;
import org.motormesh.mesh.MeshListener;
import org.motormesh.mesh.PeerView;
import org.motormesh.mesh.Values;
import org.motormesh.node.MeshNode;
import org.motormesh.proto.v1.Qos;

/**
 * A mesh node in its own JVM for integration tests, driven by lines on stdin ({@code pub TOPIC VALUE}) and
 * reporting on stdout: {@code READY}, {@code JOINED name}, {@code LOST name cause}, {@code MSG topic value from};
 * {@code subscribers N} says {@code SUBSCRIBERS N} once N peers have told it their subscriptions (a QoS 1 publish
 * goes only to subscribers it knows); {@code peers} prints what it knows ({@code PEER name subscriptions} each, then
 * {@code STATS ...}) for a failing test to show.
 */
public final class MeshProcess {
    private MeshProcess() {
    }

    public static void main(String[] args) throws Exception {
        String name = args[0];
        MeshNode node = new MeshNode(MeshConfig.builder().name(name).interfaceAddress("127.0.0.1").build());
        node.addListener(new MeshListener() {
            @Override
            public void onPeerJoined(PeerView peer) {
                say("JOINED " + peer.name());
            }

            @Override
            public void onPeerLost(PeerView peer, LossCause cause) {
                say("LOST " + peer.name() + " " + cause);
            }
        });
        node.start();
        node.subscribe("/to/" + name + "/", m -> say("MSG " + m.topic() + " " + Values.display(m.value()) + " "
                + m.senderName()));
        say("READY " + node.localAddress().getPort());
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            String[] words = line.split(" ");
            if (words[0].equals("pub")) {
                node.publish(words[1], Values.parse(words[2]), Qos.QOS_ACKED);
            } else if (words[0].equals("subscribers")) {
                awaitSubscribers(node, Integer.parseInt(words[1]));
            } else if (words[0].equals("peers")) {
                for (PeerView peer : node.peers()) {
                    say("PEER " + peer.name() + " " + peer.subscriptions());
                }
                say("STATS " + node.stats());
            } else if (words[0].equals("quit")) {
                break;
            }
        }
        node.close();
        System.exit(0);
    }

    private static void awaitSubscribers(MeshNode node, int n) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (node.peers().stream().filter(p -> !p.subscriptions().isEmpty()).count() < n) {
            if (System.nanoTime() > deadline) {
                say("SUBSCRIBERS-MISSING " + node.peers());
                return;
            }
            Thread.sleep(5);
        }
        say("SUBSCRIBERS " + n);
    }

    private static synchronized void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
