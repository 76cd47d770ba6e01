package org.motormesh.app.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;

/** A small run of the real benchmark: every figure is measured and the JSON carries the agreed keys. */
class BridgeBenchTest {
    @Test
    void shouldMeasureBothPathsAndBothDirections() throws Exception {
        BenchResult r = BridgeBench.run(200, 2000, true);
        JsonObject json = JsonParser.parseString(r.toJson()).getAsJsonObject();
        for (String key : new String[] {"added_latency_p50_us", "added_latency_p99_us", "up_msgs_per_s", "down_msgs_per_s"}) {
            assertTrue(json.has(key), key);
        }
        assertTrue(r.directP50Us() > 0 && r.bridgeP50Us() > 0, r.toText());
        assertEquals(2000, r.upReceived(), r.toText());
        assertEquals(2000, r.downReceived(), r.toText());
        assertTrue(r.toText().contains("added by the bridge"));
    }
}
