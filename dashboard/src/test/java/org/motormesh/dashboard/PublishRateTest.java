package org.motormesh.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PublishRateTest {
    @Test
    void shouldAllowTheBurstThenTheRefillRateOnly() {
        PublishRate rate = new PublishRate(3, 10);
        assertTrue(rate.tryTake(1000));
        assertTrue(rate.tryTake(1000));
        assertTrue(rate.tryTake(1000));
        assertFalse(rate.tryTake(1000));
        assertFalse(rate.tryTake(1099));
        assertTrue(rate.tryTake(1100));
        assertFalse(rate.tryTake(1100));
        assertEquals(3, rate.refused());
    }

    @Test
    void shouldSendAtMostTheRateOverAMinuteOfHammering() {
        PublishRate rate = new PublishRate(10, 10);
        int sent = 0;
        for (long ms = 0; ms < 60_000; ms++) {
            sent += rate.tryTake(ms) ? 1 : 0;
        }
        assertTrue(sent <= 10 + 600 && sent >= 600, sent + " sent in a minute");
    }

    @Test
    void shouldNotRefillPastTheBurstAfterAQuietHour() {
        PublishRate rate = new PublishRate(2, 10);
        rate.tryTake(0);
        int sent = 0;
        for (int i = 0; i < 5; i++) {
            sent += rate.tryTake(3_600_000) ? 1 : 0;
        }
        assertEquals(2, sent);
        assertThrows(IllegalArgumentException.class, () -> new PublishRate(0, 10));
    }
}
