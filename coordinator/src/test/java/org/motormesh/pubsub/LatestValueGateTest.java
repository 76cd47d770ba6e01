package org.motormesh.pubsub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The QoS 0 gate stays bounded whatever the network sends, and a full table forgets the least recent pair without
 * letting a late copy of any value through (before, a sender's 4,097th topic cleared all its topics at once, so late
 * copies of every one of them passed again).
 */
class LatestValueGateTest {
    private final LatestValueGate gate = new LatestValueGate();

    @Test
    void shouldPassOnlyNewerValuesPerSenderAndTopic() {
        assertTrue(gate.pass("a", "/k", 5));
        assertFalse(gate.pass("a", "/k", 5), "a repeat");
        assertFalse(gate.pass("a", "/k", 4), "a late value");
        assertTrue(gate.pass("a", "/other", 3), "another topic has its own newest");
        assertTrue(gate.pass("b", "/k", 1), "another sender too");
        assertTrue(gate.pass("a", "/k", 6));
    }

    @Test
    void shouldStayBoundedAndStillRefuseLateCopiesOfForgottenValues() {
        assertTrue(gate.pass("a", "/k", 5));
        int flood = LatestValueGate.MAX_ENTRIES + 100;
        for (int i = 1; i <= flood; i++) {
            assertTrue(gate.pass("s", "/t/" + i, i));
        }
        assertEquals(LatestValueGate.MAX_ENTRIES, gate.size());
        assertEquals(101, gate.evicted(), "a's pair and the flood's 100 oldest");
        assertFalse(gate.pass("a", "/k", 4), "a late copy of a's forgotten value");
        assertFalse(gate.pass("a", "/k", 5), "a repeat of it");
        assertTrue(gate.pass("a", "/k", 6), "a's next value");
        assertFalse(gate.pass("s", "/t/1", 1), "a late copy of a forgotten topic of the flooding sender");
        assertFalse(gate.pass("s", "/t/" + flood, flood), "a repeat of a remembered one");
        assertTrue(gate.pass("s", "/t/1", flood + 1), "its next value of any topic");
    }

    @Test
    void shouldStartASenderOverWhenForgotten() {
        assertTrue(gate.pass("a", "/k", 9));
        gate.forget("a");
        assertTrue(gate.pass("a", "/k", 1), "a restarted sender counts from 1 again");
        assertEquals(1, gate.size());
    }
}
