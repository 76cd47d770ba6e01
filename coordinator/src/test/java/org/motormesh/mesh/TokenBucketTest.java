package org.motormesh.mesh;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TokenBucketTest {
    private static final long MS = 1_000_000;

    @Test
    void shouldAllowABurstThenRefillAtTheRate() {
        TokenBucket b = new TokenBucket(3, 10, 0);
        assertTrue(b.tryTake(0) && b.tryTake(0) && b.tryTake(0));
        assertFalse(b.tryTake(0), "burst spent");
        assertFalse(b.tryTake(99 * MS), "0.99 of a token after 99 ms at 10/s");
        assertTrue(b.tryTake(100 * MS));
        assertTrue(b.tryTake(10_000 * MS) && b.tryTake(10_000 * MS) && b.tryTake(10_000 * MS));
        assertFalse(b.tryTake(10_000 * MS), "never more than the burst, however long it rested");
    }

    @Test
    void shouldRefillNothingWhenTheClockStepsBack() {
        TokenBucket b = new TokenBucket(1, 1, 5_000 * MS);
        assertTrue(b.tryTake(5_000 * MS));
        assertFalse(b.tryTake(0));
        assertFalse(b.tryTake(5_500 * MS), "the step back did not count as time");
        assertTrue(b.tryTake(6_000 * MS));
    }

    @Test
    void shouldTakeBackAGivenToken() {
        TokenBucket b = new TokenBucket(1, 1, 0);
        assertTrue(b.tryTake(0));
        b.giveBack();
        assertTrue(b.tryTake(0));
        b.giveBack();
        b.giveBack();
        assertTrue(b.tryTake(0));
        assertFalse(b.tryTake(0), "give-backs never go past the burst");
    }

    @Test
    void shouldRefuseANonsenseRate() {
        assertThrows(IllegalArgumentException.class, () -> new TokenBucket(0, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new TokenBucket(1, 0, 0));
    }
}
