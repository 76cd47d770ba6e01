package org.motormesh.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The brake on the way down, on a hand-driven clock. */
class DownRateLimitTest {
    private static final long MS = 1_000_000;

    @Test
    void shouldPassABurstThenTheRatePerClientAndTopic() {
        DownRateLimit brake = new DownRateLimit();
        int passed = 0;
        for (int i = 0; i < 10_000; i++) {
            if (brake.allow("page", "/flood", i * MS / 10)) {
                passed++;
            }
        }
        // 1 s of a 10,000/s flood: the burst plus one second's rate
        assertTrue(passed <= 2 * DownRateLimit.PER_TOPIC_PER_S + 1, passed + " passed");
        assertTrue(passed >= 2 * DownRateLimit.PER_TOPIC_PER_S - 1, passed + " passed");
    }

    @Test
    void shouldKeepOtherClientsAndTopicsFlowingDuringAFlood() {
        DownRateLimit brake = new DownRateLimit();
        int honest = 0;
        for (int i = 0; i < 1000; i++) {
            long now = i * MS;
            brake.allow("hostile", "/flood", now);
            brake.allow("hostile", "/flood", now);
            if (i % 100 == 0 && brake.allow("hub", "/SM/lego/angle", now)) {
                honest++;
            }
        }
        assertEquals(10, honest, "a hub posting 10 a second is never braked");
    }

    @Test
    void shouldCapOneClientAcrossManyTopics() {
        DownRateLimit brake = new DownRateLimit();
        int passed = 0;
        for (int i = 0; i < 5000; i++) {
            if (brake.allow("page", "/t" + i, 0)) {
                passed++;
            }
        }
        assertEquals(DownRateLimit.PER_CLIENT_PER_S, passed, "the client's own bucket");
        assertTrue(brake.size() <= DownRateLimit.MAX_BUCKETS);
        assertTrue(brake.evicted() > 0, "the table stayed bounded by evicting");
    }
}
