package org.motormesh.app.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.motormesh.app.Main;
import picocli.CommandLine;

/**
 * A small run of the real {@code bench compare}: every path is timed (MQTT through a real Mosquitto when it is
 * installed, else skipped with a note), nothing is lost, each ratio is the path's figure over the mesh's, and the
 * broker the benchmark starts is stopped by PID afterwards.
 */
class CompareBenchmarkTest {
    @Test
    void shouldTimeEveryPathSideBySideWithRatiosToTheMesh() {
        StringWriter out = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out, true));
        int code = cli.execute("bench", "compare", "--count", "400", "--rounds", "2", "--warmup", "200", "--json");
        assertEquals(0, code, out.toString());
        JsonObject f = JsonParser.parseString(out.toString().strip()).getAsJsonObject();
        assertEquals(400, f.get("round_trips").getAsInt(), f.toString());
        boolean mqtt = Mosquitto.find().isPresent();
        assertEquals(!mqtt, f.has("mqtt_note"), f.toString());
        double mesh50 = f.get("mesh_p50_us").getAsDouble();
        double mesh99 = f.get("mesh_p99_us").getAsDouble();
        for (String path : mqtt ? new String[] {"mesh", "udp", "mqtt", "channel"} : new String[] {"mesh", "udp", "channel"}) {
            double p50 = f.get(path + "_p50_us").getAsDouble();
            double p99 = f.get(path + "_p99_us").getAsDouble();
            assertTrue(p50 > 0 && p99 >= p50, path + ": " + f);
            // one datagram in flight cannot overflow a buffer: only a stall past a second counts as lost
            assertTrue(f.get(path + "_lost").getAsInt() <= (path.equals("mesh") || path.equals("udp") ? 4 : 0), f.toString());
            if (!path.equals("mesh")) {
                assertEquals(p50 / mesh50, f.get(path + "_p50_ratio").getAsDouble(), 0.01 + 0.01 * p50 / mesh50, f.toString());
                assertEquals(p99 / mesh99, f.get(path + "_p99_ratio").getAsDouble(), 0.01 + 0.01 * p99 / mesh99, f.toString());
            }
        }
        assertTrue(f.has("goal_3x_met"), f.toString());
    }

    @Test
    void shouldStopItsMosquittoByPid() throws Exception {
        Optional<Path> executable = Mosquitto.find();
        assumeTrue(executable.isPresent(), "mosquitto is not installed");
        Mosquitto broker = Mosquitto.start(executable.get());
        long pid = broker.pid();
        int port = broker.port();
        assertTrue(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
        try (MqttRoundTrip mqtt = new MqttRoundTrip(port)) {
            assertTrue(mqtt.once(7) > 0, "a round trip through the broker");
        }
        broker.close();
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "broker still running");
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            throw new AssertionError("something still listens on the broker's port " + port);
        } catch (java.io.IOException expected) {
            // refused: the broker is gone
        }
    }
}
