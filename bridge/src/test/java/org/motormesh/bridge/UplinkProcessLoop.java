package org.motormesh.bridge;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * The shared life of an uplink (bridge or MQTT link) in a child JVM a test can SIGKILL: prints {@code READY}, then
 * {@code ROLE active|standby|settling LINK-STATE} on every change; "stats" on stdin prints {@code STATS ...}, "quit"
 * (or the end of stdin) runs {@code close} and exits.
 */
public final class UplinkProcessLoop {
    private UplinkProcessLoop() {
    }

    public static void run(Supplier<BridgeStats> stats, Runnable close) throws IOException {
        say("READY");
        Thread watch = new Thread(() -> {
            String last = "";
            while (!Thread.currentThread().isInterrupted()) {
                BridgeStats s = stats.get();
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
                say("STATS " + stats.get().statusLine());
            }
        }
        close.run();
        System.exit(0);
    }

    private static synchronized void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
