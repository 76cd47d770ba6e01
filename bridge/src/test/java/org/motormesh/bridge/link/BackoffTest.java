package org.motormesh.bridge.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class BackoffTest {
    private final Backoff backoff = new Backoff(250, 10_000);

    @Test
    void shouldGrowExponentiallyWithinJitterBounds() {
        assertEquals(125, backoff.delayMs(0, 0.0));
        assertEquals(249, backoff.delayMs(0, 0.999));
        assertEquals(500, backoff.delayMs(2, 0.0));
        assertEquals(1500, backoff.delayMs(3, 0.5));
    }

    @Test
    void shouldCapEvenForHugeAttempts() {
        assertEquals(5000, backoff.delayMs(12, 0.0));
        assertEquals(9999, backoff.delayMs(1_000_000, 0.9999));
    }

    @Test
    void shouldRefuseNonsense() {
        assertThrows(IllegalArgumentException.class, () -> new Backoff(0, 10));
        assertThrows(IllegalArgumentException.class, () -> new Backoff(100, 10));
    }
}
