package org.motormesh.app.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A {@code motormesh bridge} in a child JVM (this JVM's own class path), so {@code bench soak} can stop it the
 * hard way (SIGKILL: no Bye, no link close). Loopback only, no scouting, no mDNS; it meets the mesh through one
 * seed. Its output lines are kept (bounded) so the soak can wait for its role changes.
 */
final class ChildBridge implements AutoCloseable {
    private static final int MAX_LINES = 10_000;

    private final Process process;
    private final List<String> lines = new ArrayList<>();

    ChildBridge(String name, String channelUrl, int priority, String seed) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> argv = List.of(java, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xmx128m", "-cp",
                System.getProperty("java.class.path"), "org.motormesh.app.Main", "bridge", "--channel", channelUrl,
                "--name", name, "--interface", "127.0.0.1", "--priority", String.valueOf(priority), "--no-mdns",
                "--scout-port", "0", "--peer", seed, "--rate", "0", "--status-every", "0");
        process = new ProcessBuilder(argv).redirectErrorStream(true).start();
        Thread reader = new Thread(this::read, "child-" + name);
        reader.setDaemon(true);
        reader.start();
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                synchronized (lines) {
                    if (lines.size() < MAX_LINES) {
                        lines.add(line);
                    }
                    lines.notifyAll();
                }
            }
        } catch (IOException closed) {
            // the child is gone
        }
    }

    /** Waits for a line containing {@code text}; true if one came within {@code timeoutMs}. */
    boolean await(String text, long timeoutMs) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        synchronized (lines) {
            while (true) {
                if (lines.stream().anyMatch(l -> l.contains(text))) {
                    return true;
                }
                long left = deadline - System.currentTimeMillis();
                if (left <= 0 || !process.isAlive()) {
                    return false;
                }
                lines.wait(Math.min(left, 100));
            }
        }
    }

    /** Whether any line so far contains {@code text}. */
    boolean said(String text) {
        synchronized (lines) {
            return lines.stream().anyMatch(l -> l.contains(text));
        }
    }

    /** SIGKILL, and wait for it to be gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                kill();
            }
        }
    }
}
