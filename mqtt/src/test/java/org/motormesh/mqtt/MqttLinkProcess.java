package org.motormesh.mqtt;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.motormesh.bridge.BridgeStats;
import org.motormesh.mesh.MeshConfig;

/**
 * An MQTT link in its own JVM, so a test can SIGKILL it: {@code NAME BROKER_PORT PRIORITY SEED}. Prints {@code READY},
 * then {@code ROLE active|standby|settling LINK-STATE} on every change; "quit" on stdin closes it.
 */
public final class MqttLinkProcess {
    private MqttLinkProcess() {
    }

    public static void main(String[] args) throws Exception {
        MeshConfig.Builder mesh = MeshConfig.builder().name(args[0]).priority(Integer.parseInt(args[2]))
                .interfaceAddress("127.0.0.1").mdns(false).scoutPort(0).seedPeer(args[3]);
        MqttLinkNode link = MqttLinkNode.start(mesh, MqttLinkTest.config(Integer.parseInt(args[1]), 5).withSettleMs(2000),
                null);
        say("READY");
        Thread watch = new Thread(() -> {
            String last = "";
            while (!Thread.currentThread().isInterrupted()) {
                BridgeStats s = link.link().stats();
                String now = "ROLE " + s.role() + " " + s.link();
                if (!now.equals(last)) {
                    say(now);
                    last = now;
                }
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "role-watch");
        watch.setDaemon(true);
        watch.start();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null && !line.equals("quit"); line = in.readLine()) {
            if (line.equals("stats")) {
                say("STATS " + link.link().stats().statusLine());
            }
        }
        link.close();
        System.exit(0);
    }

    private static synchronized void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
