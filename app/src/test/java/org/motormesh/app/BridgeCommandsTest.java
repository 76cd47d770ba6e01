package org.motormesh.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The verbs reach the motormesh command line through the plugin, and bad settings are refused with the value quoted. */
class BridgeCommandsTest {
    @Test
    void shouldRegisterBridgeChannelServerAndBenchBridge() {
        CommandLine cli = Main.commandLine();
        assertTrue(cli.getSubcommands().containsKey("bridge"));
        assertTrue(cli.getSubcommands().containsKey("channel-server"));
        assertTrue(cli.getSubcommands().get("bench").getSubcommands().containsKey("bridge"));
    }

    @Test
    void shouldRefuseBadSettingsQuotingThem() {
        assertEquals("rate must be 0 (off) to 1000 per topic per second, was -1", error("bridge", "--rate", "-1"));
        assertEquals("--map wants MESH_TOPIC=CHANNEL_TOPIC, got 'nonsense'", error("bridge", "--map", "nonsense"));
        assertEquals("channel URL must be ws://HOST/... or wss://HOST/..., was http://example.org/x",
                error("bridge", "--channel", "http://example.org/x"));
    }

    private static String error(String... args) {
        CommandLine cli = Main.commandLine();
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err));
        assertEquals(1, cli.execute(args));
        return err.toString().trim().replaceFirst("^motormesh: ", "");
    }
}
