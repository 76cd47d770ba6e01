package org.motormesh.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code motormesh mqtt} is on the command line, explains itself, and refuses bad settings before starting anything. */
class MqttCommandTest {
    @Test
    void shouldRegisterTheVerbWithHelpThatExplainsTheMapping() {
        CommandLine cli = Main.commandLine();
        assertTrue(cli.getSubcommands().containsKey("mqtt"));
        StringWriter out = new StringWriter();
        cli.setOut(new PrintWriter(out));
        assertEquals(0, cli.execute("mqtt", "--help"));
        for (String words : new String[] {"--broker", "mqtts://", "PREFIX+T", "--ca-cert", "--room", "--up", "--down",
            "retained", "--mqtt-version"}) {
            assertTrue(out.toString().contains(words), "help mentions " + words + ":\n" + out);
        }
    }

    @Test
    void shouldRefuseBadSettingsQuotingThem() {
        assertEquals("--broker wants mqtt://HOST[:PORT] or mqtts://HOST[:PORT], got 'http://example.org'",
                error("mqtt", "--broker", "http://example.org"));
        assertEquals("--mqtt-version must be 3 (3.1.1) or 5, was 4", error("mqtt", "--broker", "x", "--mqtt-version", "4"));
        assertEquals("--password needs --username", error("mqtt", "--broker", "x", "--password", "p"));
        assertEquals("--ca-cert is for a TLS broker: use mqtts://x (port 8883 by default)",
                error("mqtt", "--broker", "mqtt://x", "--ca-cert", "pom.xml"));
        assertEquals("MQTT topic prefix 'a/#' must not hold + or # (wildcards)",
                error("mqtt", "--broker", "x", "--prefix", "a/#"));
        assertEquals("--room 'room 12' must be 1 to 40 letters, digits, '.', '_' or '-'",
                error("mqtt", "--broker", "x", "--room", "room 12"));
    }

    private static String error(String... args) {
        CommandLine cli = Main.commandLine();
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err));
        assertEquals(1, cli.execute(args));
        return err.toString().trim().replaceFirst("^motormesh: ", "");
    }
}
