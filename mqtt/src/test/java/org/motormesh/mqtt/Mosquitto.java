package org.motormesh.mqtt;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A real Mosquitto broker for one test ({@link LocalMosquitto}: its own process on a free loopback port, never the
 * default 1883 service, stopped by its PID). Tests skip when {@code mosquitto} is not installed, and fail instead
 * when {@code MOTORMESH_REQUIRE_MQTT=1} (CI).
 */
final class Mosquitto {
    private Mosquitto() {
    }

    /** Skips (or fails under MOTORMESH_REQUIRE_MQTT=1) when mosquitto is not installed. */
    static Path binaryOrSkip() {
        var found = LocalMosquitto.find();
        if (found.isPresent()) {
            return found.get();
        }
        String why = "mosquitto not installed (apt-get install mosquitto): MQTT test skipped";
        if ("1".equals(System.getenv("MOTORMESH_REQUIRE_MQTT"))) {
            fail(why);
        }
        assumeTrue(false, why);
        return null;
    }

    /** A plain TCP broker, anonymous clients allowed. */
    static LocalMosquitto start(Path dir) throws IOException, InterruptedException {
        return start(dir, List.of("allow_anonymous true"));
    }

    /** A broker whose listener block ends with {@code listenerLines} (auth, TLS...). */
    static LocalMosquitto start(Path dir, List<String> listenerLines) throws IOException, InterruptedException {
        return LocalMosquitto.start(binaryOrSkip(), dir, listenerLines, false);
    }

    /**
     * An anonymous TCP broker that saves its sessions and retained messages in {@code dir} when stopped, so a
     * subscriber's persistent session (and what was queued for it) survives {@link LocalMosquitto#restart()}.
     */
    static LocalMosquitto startPersistent(Path dir) throws IOException, InterruptedException {
        return LocalMosquitto.start(binaryOrSkip(), dir, List.of("allow_anonymous true"), true);
    }
}
