package org.motormesh.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

/** Issue 11.5: 16,000 new instance names at 200/s reach the loop at the gate's rate, the rest counted. */
class DiscoveryGateTest {
    private long nowMs = 1_000;

    @Test
    void shouldPassAtMostTheRateOfNewNamesAndCountTheRest() {
        DiscoveryGate gate = new DiscoveryGate(() -> nowMs);
        int passed = 0;
        for (int i = 0; i < 16_000; i++) {
            if (gate.pass("motor-" + i, new InetSocketAddress("127.0.0.1", 47000))) {
                passed++;
            }
            if (i % 200 == 199) {
                nowMs += 1_000; // 200 a second
            }
        }
        // 80 s at 20 a second, plus the first burst
        assertTrue(passed <= 80 * DiscoveryGate.RATE_PER_S + DiscoveryGate.BURST, "passed " + passed);
        assertEquals(16_000 - passed, gate.refused());
    }

    @Test
    void shouldPassARepeatedAnswerOncePerSecond() {
        DiscoveryGate gate = new DiscoveryGate(() -> nowMs);
        InetSocketAddress at = new InetSocketAddress("127.0.0.1", 47000);
        assertTrue(gate.pass("motor-1", at));
        assertFalse(gate.pass("motor-1", at));
        nowMs += 1_000;
        assertTrue(gate.pass("motor-1", at));
    }
}
