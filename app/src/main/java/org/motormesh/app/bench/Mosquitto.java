package org.motormesh.app.bench;

import java.io.File;
import java.io.IOException;
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
 * A Mosquitto broker of the benchmark's own: started from a generated config on a free loopback port (no
 * persistence, anonymous clients), and stopped by its PID when closed. Found on the PATH or in the usual
 * sbin folders (Debian puts it in /usr/sbin, Homebrew in its own prefix).
 */
final class Mosquitto implements AutoCloseable {
    private static final List<String> SBIN = List.of("/usr/sbin", "/usr/local/sbin", "/opt/homebrew/sbin",
            "/usr/local/opt/mosquitto/sbin");
    private final Path dir;
    private final Process process;
    private final int port;

    private Mosquitto(Path dir, Process process, int port) {
        this.dir = dir;
        this.process = process;
        this.port = port;
    }

    /** The mosquitto executable, if installed. */
    static Optional<Path> find() {
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

    /** Starts {@code executable} on a free loopback port; returns once it accepts connections (at most 10 s). */
    static Mosquitto start(Path executable) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("motormesh-mosquitto");
        int port;
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress("127.0.0.1", 0));
            port = probe.getLocalPort();
        }
        Path conf = dir.resolve("mosquitto.conf");
        Files.writeString(conf, "# written by motormesh bench compare\nlistener " + port + " 127.0.0.1\n"
                + "allow_anonymous true\npersistence false\nlog_dest stderr\nlog_type error\nlog_type warning\n",
                StandardCharsets.UTF_8);
        Process process = new ProcessBuilder(executable.toString(), "-c", conf.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("mosquitto.log").toFile()).start();
        Mosquitto broker = new Mosquitto(dir, process, port);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return broker;
            } catch (IOException notYet) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    String log = Files.readString(dir.resolve("mosquitto.log"), StandardCharsets.UTF_8).strip();
                    broker.close();
                    throw new IOException("mosquitto did not start on 127.0.0.1:" + port + ": " + log);
                }
                Thread.sleep(20);
            }
        }
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    /** Stops the broker (its PID, SIGTERM then SIGKILL after 5 s) and deletes its config. */
    @Override
    public void close() throws IOException {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                Files.deleteIfExists(p);
            }
        }
        Files.deleteIfExists(dir);
    }
}
