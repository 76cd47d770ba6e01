import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.motormesh.mesh.MeshConfig;
import org.motormesh.mesh.MeshListener;
import org.motormesh.mesh.PeerView;
import org.motormesh.mesh.Values;
import org.motormesh.node.MeshNode;
import org.motormesh.proto.v1.Qos;

/**
 * Test helper for the network-namespace suite (written for the layout with org.motormesh.mesh; nodes.py compiles
 * a copy with the older org.motormesh.node imports when this does not compile against the jar): a Java mesh node (the motormesh jar on the class path) that can
 * publish a value every N ms, which the CLI cannot do (one JVM per 'pub' is far slower than 50 ms). One flushed
 * line per event on stdout, in the MicroPython runner's words:
 *
 * <pre>
 *   java -cp motormesh.jar:DIR MeshTool --name N --interface IP [--port P] [--peer H:P ...] [--no-mdns]
 *        [--scout-port P] [--sub PREFIX ...] [--publish TOPIC --every-ms MS [--qos 0|1] [--series N] [--paused]]
 *   ready N port=P | joined NAME ID ADDR:PORT | lost NAME CAUSE | message FROM TOPIC VALUE | published TOPIC VALUE [to N]
 * </pre>
 * A series value's line says to how many peers it went (those whose subscriptions the node knew just before).
 * The values are angles, BAND + (i mod 90) for i = 0, 1, 2, ...: BAND is 0 until stdin says "band B"; with
 * {@code --series N} they are 0, 1, ..., N-1 once each, then "done N unacked U" when every send is acknowledged
 * (stdin "end" cuts the series short at the next value: a test that does not know beforehand how long it needs).
 * {@code --scout-port 0} turns scouting off (the node then meets only its --peer seeds, e.g. through a relay).
 * stdin: "pub TOPIC VALUE" publishes one QoS 0 value; "band B"; "pause" / "resume" the series ({@code --paused}
 * starts paused); "end"; "subscribers TOPIC" prints "subscribers TOPIC N" (peers known to subscribe); "heap" prints "heap BYTES" (used, after a GC); "stats" prints "stats " and the node's counters;
 * "quit".
 */
public final class MeshTool {
    private static synchronized void say(String line) {
        System.out.println(line);
        System.out.flush();
    }

    public static void main(String[] args) throws Exception {
        MeshConfig.Builder b = MeshConfig.builder().role("node");
        List<String> peers = new ArrayList<>();
        List<String> subs = new ArrayList<>();
        String topic = null;
        long everyMs = 0;
        long series = 0;
        Qos qos = Qos.QOS_LATEST;
        boolean startPaused = false;
        String name = "java";
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--name" -> name = args[++i];
                case "--interface" -> b.interfaceAddress(args[++i]);
                case "--port" -> b.port(Integer.parseInt(args[++i]));
                case "--peer" -> peers.add(args[++i]);
                case "--no-mdns" -> b.mdns(false);
                case "--sub" -> subs.add(args[++i]);
                case "--publish" -> topic = args[++i];
                case "--every-ms" -> everyMs = Long.parseLong(args[++i]);
                case "--scout-port" -> b.scoutPort(Integer.parseInt(args[++i]));
                case "--series" -> series = Long.parseLong(args[++i]);
                case "--paused" -> startPaused = true;
                case "--qos" -> qos = args[++i].equals("1") ? Qos.QOS_ACKED : Qos.QOS_LATEST;
                default -> throw new IllegalArgumentException("unknown argument " + a);
            }
        }
        MeshNode node = new MeshNode(b.name(name).seedPeers(peers).build());
        node.addListener(new MeshListener() {
            @Override
            public void onPeerJoined(PeerView p) {
                say("joined " + p.name() + " " + p.nodeId() + " " + p.address() + ":" + p.port());
            }

            @Override
            public void onPeerLost(PeerView p, LossCause cause) {
                say("lost " + p.name() + " " + cause.name().toLowerCase());
            }
        });
        node.start();
        for (String prefix : subs) {
            node.subscribe(prefix, m -> say("message " + m.senderName() + " " + m.topic() + " "
                    + Values.display(m.value())));
        }
        say("ready " + name + " port=" + node.localAddress().getPort());
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        AtomicLong counter = new AtomicLong();
        final boolean[] paused = {startPaused};
        AtomicLong band = new AtomicLong();
        AtomicLong seriesEnd = new AtomicLong(series);
        if (topic != null && everyMs > 0) {
            String t = topic;
            Qos q = qos;
            long graceTicks = 30_000 / Math.max(1, everyMs);
            timer.scheduleAtFixedRate(() -> {
                if (paused[0]) {
                    return;
                }
                long i = counter.getAndIncrement();
                long n = seriesEnd.get();
                if (n > 0 && i >= n) {
                    int unacked = node.unacknowledged();
                    if (unacked == 0 || i >= n + graceTicks) {
                        say("done " + n + " unacked " + unacked);
                        paused[0] = true;
                    }
                    return;
                }
                long v = n > 0 ? i : band.get() + i % 90;
                long to = node.peers().stream().filter(p -> p.subscriptions().stream().anyMatch(t::startsWith)).count();
                node.publish(t, Values.of(v), q);
                say("published " + t + " " + v + " to " + to);
            }, everyMs, everyMs, TimeUnit.MILLISECONDS);
        }
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            timer.shutdownNow();
            node.close();
        }));
        String line;
        while ((line = in.readLine()) != null) {
            String[] w = line.trim().split(" ", 3);
            if (w.length == 3 && w[0].equals("pub")) {
                node.publish(w[1], Values.parse(w[2]), Qos.QOS_LATEST);
                say("published " + w[1] + " " + w[2]);
            } else if (w.length == 2 && w[0].equals("band")) {
                band.set(Long.parseLong(w[1]));
            } else if (w.length == 2 && w[0].equals("subscribers")) {
                String t = w[1];
                say("subscribers " + t + " " + node.peers().stream()
                        .filter(p -> p.subscriptions().stream().anyMatch(t::startsWith)).count());
            } else if (w[0].equals("end")) {
                seriesEnd.set(Math.max(1, counter.get()));
            } else if (w[0].equals("pause")) {
                paused[0] = true;
            } else if (w[0].equals("resume")) {
                paused[0] = false;
            } else if (w[0].equals("heap")) {
                System.gc();
                Runtime rt = Runtime.getRuntime();
                say("heap " + (rt.totalMemory() - rt.freeMemory()));
            } else if (w[0].equals("stats")) {
                say("stats " + node.stats());
            } else if (w[0].equals("quit")) {
                break;
            }
        }
        // stdin closed (the test runner went away) or quit: leave the mesh
        timer.shutdownNow();
        node.close();
        System.exit(0);
    }
}
