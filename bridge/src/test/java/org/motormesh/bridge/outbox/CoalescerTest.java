package org.motormesh.bridge.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CoalescerTest {
    private final List<String> sent = new ArrayList<>();
    private final Coalescer coalescer = new Coalescer(20, 100);

    private void offer(String topic, String text, boolean acked, long now) {
        coalescer.offer(new Upstream(topic, text, acked), now, m -> sent.add(m.text()));
    }

    @Test
    void shouldPassFirstAndHoldOnlyLatestWithinInterval() {
        offer("/a", "a1", false, 0);
        offer("/a", "a2", false, 10);
        offer("/a", "a3", false, 20);
        offer("/b", "b1", false, 20);
        assertEquals(List.of("a1", "b1"), sent);
        assertEquals(50, coalescer.nextDueMs());
        coalescer.poll(49, m -> sent.add(m.text()));
        assertEquals(List.of("a1", "b1"), sent);
        coalescer.poll(50, m -> sent.add(m.text()));
        assertEquals(List.of("a1", "b1", "a3"), sent);
        assertEquals(1, coalescer.coalesced());
    }

    @Test
    void shouldLimitEachTopicToItsRate() {
        for (long t = 0; t < 1000; t++) {
            offer("/fast", "v" + t, false, t);
            coalescer.poll(t, m -> sent.add(m.text()));
        }
        coalescer.poll(2000, m -> sent.add(m.text()));
        assertEquals(21, sent.size());
        assertEquals("v999", sent.get(sent.size() - 1));
        assertEquals(1000 - 21, coalescer.coalesced());
    }

    @Test
    void shouldNeverCoalesceAcked() {
        offer("/a", "a1", false, 0);
        offer("/a", "a2", false, 1);
        offer("/a", "q1", true, 2);
        offer("/a", "q2", true, 3);
        coalescer.poll(1000, m -> sent.add(m.text()));
        assertEquals(List.of("a1", "q1", "q2"), sent);
        assertEquals(1, coalescer.coalesced());
    }

    @Test
    void shouldPassEverythingWhenOff() {
        Coalescer off = new Coalescer(0, 10);
        for (int i = 0; i < 100; i++) {
            off.offer(new Upstream("/a", "x" + i, false), 0, m -> sent.add(m.text()));
        }
        assertEquals(100, sent.size());
    }

    @Test
    void shouldForgetIdleTopicsAndPassUntrackedOnes() {
        Coalescer small = new Coalescer(20, 2);
        small.offer(new Upstream("/a", "a", false), 0, m -> sent.add(m.text()));
        small.offer(new Upstream("/b", "b", false), 0, m -> sent.add(m.text()));
        small.offer(new Upstream("/c", "c1", false), 0, m -> sent.add(m.text()));
        small.offer(new Upstream("/c", "c2", false), 0, m -> sent.add(m.text()));
        assertEquals(List.of("a", "b", "c1", "c2"), sent);
        small.poll(5000, m -> sent.add(m.text()));
        assertEquals(0, small.trackedTopics());
    }
}
