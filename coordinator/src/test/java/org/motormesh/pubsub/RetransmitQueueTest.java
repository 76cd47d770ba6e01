package org.motormesh.pubsub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.motormesh.proto.v1.Publish;

class RetransmitQueueTest {
    private final RetransmitQueue queue = new RetransmitQueue(100, 400);

    private static Publish publish(long id) {
        return Publish.newBuilder().setTopic("/q").setMessageId(id).build();
    }

    @Test
    void shouldRetransmitWithDoublingCappedBackOffUntilAcked() {
        queue.add("p", publish(1), 0);
        assertTrue(queue.due(99).isEmpty());
        assertEquals(1, queue.due(100).size());
        assertTrue(queue.due(299).isEmpty(), "next after 200 ms");
        assertEquals(1, queue.due(300).size());
        assertTrue(queue.due(699).isEmpty(), "capped at 400 ms");
        List<RetransmitQueue.Pending> due = queue.due(700);
        assertEquals(3, due.get(0).attempts());
        assertTrue(queue.ack("p", 1));
        assertFalse(queue.ack("p", 1));
        assertEquals(0, queue.size());
    }

    @Test
    void shouldForgetALostPeersSends() {
        queue.add("p", publish(1), 0);
        queue.add("q", publish(1), 0);
        assertEquals(1, queue.forget("p"));
        assertEquals(1, queue.size());
    }

    @Test
    void shouldGiveUpTheOldestPastTheBound() {
        for (int i = 0; i < RetransmitQueue.MAX_PENDING; i++) {
            assertEquals(0, queue.add("p", publish(i), 0));
        }
        assertEquals(1, queue.add("p", publish(RetransmitQueue.MAX_PENDING), 0));
        assertEquals(RetransmitQueue.MAX_PENDING, queue.size());
        assertFalse(queue.ack("p", 0), "the oldest was given up");
        assertTrue(queue.ack("p", RetransmitQueue.MAX_PENDING));
    }
}
