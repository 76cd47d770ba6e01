package org.motormesh.app.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.motormesh.mqtt.LocalMosquitto;

/**
 * The benchmark's own Mosquitto: a {@link LocalMosquitto} (free loopback port, generated config, stopped by PID)
 * in a temporary folder that goes with it, anonymous clients, nothing kept.
 */
final class Mosquitto implements AutoCloseable {
    private final Path dir;
    private final LocalMosquitto broker;

    private Mosquitto(Path dir, LocalMosquitto broker) {
        this.dir = dir;
        this.broker = broker;
    }

    /** The mosquitto executable, if installed. */
    static Optional<Path> find() {
        return LocalMosquitto.find();
    }

    /** Starts {@code executable}; returns once it accepts connections (at most 10 s). */
    static Mosquitto start(Path executable) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("motormesh-mosquitto");
        try {
            return new Mosquitto(dir, LocalMosquitto.start(executable, dir, List.of("allow_anonymous true"), false));
        } catch (IOException | InterruptedException | RuntimeException e) {
            deleteFolder(dir);
            throw e;
        }
    }

    int port() {
        return broker.port();
    }

    long pid() {
        return broker.pid();
    }

    /** Stops the broker by its PID and deletes its folder. */
    @Override
    public void close() throws IOException {
        try {
            broker.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            deleteFolder(dir);
        }
    }

    private static void deleteFolder(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                Files.deleteIfExists(p);
            }
        }
        Files.deleteIfExists(dir);
    }
}
