package org.motormesh.mqtt;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Mosquitto broker for one test: its own process on a free loopback port with a generated config (never
 * the default 1883 service), stopped by its PID. Tests skip when {@code mosquitto} is not installed, and fail
 * instead when {@code MOTORMESH_REQUIRE_MQTT=1} (CI).
 */
final class Mosquitto implements AutoCloseable {
    private static final Path[] CANDIDATES = {Path.of("/usr/sbin/mosquitto"), Path.of("/usr/bin/mosquitto"),
        Path.of("/usr/local/sbin/mosquitto"), Path.of("/usr/local/bin/mosquitto")};

    private final Path dir;
    private final int port;
    private final List<String> listenerLines;
    private final boolean persistent;
    private Process process;

    private Mosquitto(Path dir, int port, List<String> listenerLines, boolean persistent) {
        this.dir = dir;
        this.port = port;
        this.listenerLines = listenerLines;
        this.persistent = persistent;
    }

    /** Skips (or fails under MOTORMESH_REQUIRE_MQTT=1) when mosquitto is not installed. */
    static Path binaryOrSkip() {
        for (Path p : CANDIDATES) {
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        String why = "mosquitto not installed (apt-get install mosquitto): MQTT test skipped";
        if ("1".equals(System.getenv("MOTORMESH_REQUIRE_MQTT"))) {
            fail(why);
        }
        assumeTrue(false, why);
        return null;
    }

    /** A plain TCP broker, anonymous clients allowed. */
    static Mosquitto start(Path dir) throws IOException, InterruptedException {
        return start(dir, List.of("allow_anonymous true"));
    }

    /** A broker whose listener block ends with {@code listenerLines} (auth, TLS...). */
    static Mosquitto start(Path dir, List<String> listenerLines) throws IOException, InterruptedException {
        binaryOrSkip();
        Mosquitto m = new Mosquitto(dir, freePort(), listenerLines, false);
        m.launch();
        return m;
    }

    /**
     * An anonymous TCP broker that saves its sessions and retained messages in {@code dir} when stopped, so a
     * subscriber's persistent session (and what was queued for it) survives {@link #restart()}.
     */
    static Mosquitto startPersistent(Path dir) throws IOException, InterruptedException {
        binaryOrSkip();
        Mosquitto m = new Mosquitto(dir, freePort(), List.of("allow_anonymous true"), true);
        m.launch();
        return m;
    }

    int port() {
        return port;
    }

    /** Stops (by PID) and starts the broker again on the same port (state survives only when persistent). */
    void restart() throws IOException, InterruptedException {
        stop();
        launch();
    }

    /** Stops the broker by its PID and waits for it to exit. */
    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    private void launch() throws IOException, InterruptedException {
        Files.createDirectories(dir);
        List<String> conf = new ArrayList<>();
        // Started as root, mosquitto would switch to its own user, which cannot write our files: stay who we are.
        conf.add("user " + System.getProperty("user.name"));
        conf.add("per_listener_settings true");
        if (persistent) {
            conf.add("persistence true");
            conf.add("persistence_location " + dir.toAbsolutePath() + "/");
        } else {
            conf.add("persistence false");
        }
        conf.add("log_dest file " + log().toAbsolutePath());
        conf.add("log_type error");
        conf.add("log_type warning");
        conf.add("log_type notice");
        conf.add("listener " + port + " 127.0.0.1");
        conf.addAll(listenerLines);
        Path file = dir.resolve("mosquitto.conf");
        Files.write(file, conf, StandardCharsets.UTF_8);
        process = new ProcessBuilder(binaryOrSkip().toString(), "-c", file.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("mosquitto.out").toFile()))
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("mosquitto exited: " + Files.readString(dir.resolve("mosquitto.out")));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new IOException("mosquitto did not listen on " + port + " within 10 s");
    }

    /** The broker's own log (appended across restarts). */
    Path log() {
        return dir.resolve("mosquitto.log");
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
