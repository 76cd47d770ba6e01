package org.motormesh.bridge.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class OutboxTest {
    private static Upstream msg(int i) {
        return new Upstream("/t", "m" + i, false);
    }

    @Test
    void shouldKeepOrderWithinCapacity() {
        Outbox box = new Outbox(10);
        for (int i = 0; i < 10; i++) {
            box.offer(msg(i));
        }
        for (int i = 0; i < 10; i++) {
            assertEquals("m" + i, box.peek().text());
            box.remove();
        }
        assertNull(box.peek());
        assertEquals(0, box.dropped());
    }

    @Test
    void shouldDropOldestPastCapacityAndCountExactly() {
        Outbox box = new Outbox(100);
        for (int i = 0; i < 250; i++) {
            box.offer(msg(i));
        }
        assertEquals(150, box.dropped());
        assertEquals(100, box.size());
        assertEquals("m150", box.peek().text());
        assertEquals(100, box.clear());
    }
}
