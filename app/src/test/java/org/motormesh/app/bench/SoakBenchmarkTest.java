package org.motormesh.app.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * A short run of the real soak (without its child-JVM failover part): the link really is bad, QoS 1 still arrives
 * exactly once, QoS 0 never goes backwards, the cut heals and the node survives the flood.
 */
class SoakBenchmarkTest {
    @Test
    void shouldDeliverQos1ExactlyOnceOverTheBadLinkHealAndSurviveTheFlood() {
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new BenchCommand());
        cli.setOut(new PrintWriter(out));
        int code = cli.execute("soak", "--json", "--no-failover", "--values", "150", "--flood", "20000");
        assertEquals(0, code, out.toString());
        JsonObject f = JsonParser.parseString(out.toString().trim()).getAsJsonObject();
        JsonObject q1 = f.getAsJsonObject("qos1");
        assertEquals(150, q1.get("delivered").getAsInt(), out.toString());
        assertEquals(0, q1.get("duplicated").getAsInt(), out.toString());
        assertEquals(0, f.getAsJsonObject("qos0").get("backwards").getAsInt(), out.toString());
        assertTrue(f.get("link").getAsString().matches(".*dropped=[1-9].*duplicated=[1-9].*reordered=[1-9].*"),
                "the link was not bad: " + f.get("link"));
        long heal = f.get("heal_ms").getAsLong();
        assertTrue(heal >= 0 && heal <= 5000, "heal " + heal + " ms");
        assertEquals(20000, f.get("flood_datagrams").getAsInt());
        assertEquals(100, f.getAsJsonObject("after_flood_qos1").get("delivered").getAsInt(), out.toString());
        assertEquals(0, f.getAsJsonObject("after_flood_qos1").get("duplicated").getAsInt(), out.toString());
    }
}
