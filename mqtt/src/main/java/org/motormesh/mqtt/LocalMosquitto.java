package org.motormesh.mqtt;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A Mosquitto broker of our own on loopback, for {@code bench compare} and the MQTT tests: a generated config in a
 * folder the caller owns, a free port on 127.0.0.1 (never the system's 1883), the broker's log in that folder, stopped
 * by its PID. Started as the current user (as root, Mosquitto would switch to its own user, which cannot write the
 * caller's folder).
 */
public final class LocalMosquitto implements AutoCloseable {
    private static final List<String> SBIN = List.of("/usr/sbin", "/usr/local/sbin", "/opt/homebrew/sbin",
            "/usr/local/opt/mosquitto/sbin");

    private final Path executable;
    private final Path dir;
    private final int port;
    private final List<String> listenerLines;
    private final boolean persistent;
    private Process process;

    private LocalMosquitto(Path executable, Path dir, int port, List<String> listenerLines, boolean persistent) {
        this.executable = executable;
        this.dir = dir;
        this.port = port;
        this.listenerLines = List.copyOf(listenerLines);
        this.persistent = persistent;
    }

    /** The mosquitto executable on the PATH or in the usual sbin folders, if installed. */
    public static Optional<Path> find() {
        List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)));
        dirs.addAll(SBIN);
        for (String d : dirs) {
            for (String name : List.of("mosquitto", "mosquitto.exe")) {
                Path p = Path.of(d.isEmpty() ? "." : d, name);
                if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                    return Optional.of(p);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Starts {@code executable} with its config and log in {@code dir}; its one listener ends with
     * {@code listenerLines} (e.g. {@code allow_anonymous true}, auth, TLS). With {@code persistent} it saves sessions
     * and retained messages in {@code dir} when stopped, so they survive {@link #restart()}. Returns once it accepts
     * connections (at most 10 s).
     */
    public static LocalMosquitto start(Path executable, Path dir, List<String> listenerLines, boolean persistent)
            throws IOException, InterruptedException {
        LocalMosquitto m = new LocalMosquitto(executable, dir, freePort(), listenerLines, persistent);
        m.launch();
        return m;
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    /** The broker's own log (appended across restarts). */
    public Path log() {
        return dir.resolve("mosquitto.log");
    }

    /** Stops (by PID) and starts the broker again on the same port (state survives only when persistent). */
    public void restart() throws IOException, InterruptedException {
        stop();
        launch();
    }

    /** Stops the broker by its PID (SIGTERM, then SIGKILL after 20 s) and waits for it to exit. */
    public void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    private void launch() throws IOException, InterruptedException {
        Files.createDirectories(dir);
        List<String> conf = new ArrayList<>();
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
        Path out = dir.resolve("mosquitto.out");
        process = new ProcessBuilder(executable.toString(), "-c", file.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(out.toFile())).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("mosquitto exited: " + Files.readString(out));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        stop();
        throw new IOException("mosquitto did not listen on " + port + " within 10 s");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
