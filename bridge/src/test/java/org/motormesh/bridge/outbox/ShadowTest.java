package org.motormesh.bridge.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ShadowTest {
    private static Upstream acked(int id) {
        return new Upstream("/t", "{\"topic\":\"/t\",\"value\":" + id + "}", true, Upstream.key("ab12", 7, id));
    }

    @Test
    void shouldReleaseOnlyWhatTheActiveBridgeDidNotTakeInArrivalOrder() {
        Shadow shadow = new Shadow(100, 100);
        for (int id = 1; id <= 5; id++) {
            assertTrue(shadow.hold(acked(id)));
        }
        shadow.taken(Upstream.key("ab12", 7, 1));
        shadow.taken(Upstream.key("ab12", 7, 3));
        List<Upstream> out = new ArrayList<>();
        assertEquals(3, shadow.release(out::add));
        assertEquals(List.of(acked(2), acked(4), acked(5)), out);
        assertEquals(0, shadow.size());
        assertEquals(2, shadow.trimmed());
    }

    @Test
    void shouldRefuseACopyThatArrivesAfterItWasSaidTakenAndAnUnkeyedOne() {
        Shadow shadow = new Shadow(100, 100);
        shadow.taken(Upstream.key("ab12", 7, 9));
        assertFalse(shadow.hold(acked(9)), "late copy of a taken message");
        assertFalse(shadow.hold(new Upstream("/t", "x", false)), "QoS 0 is never shadowed");
        assertTrue(shadow.hold(acked(10)));
        assertFalse(shadow.hold(acked(10)), "the same key twice");
        assertEquals(1, shadow.size());
    }

    @Test
    void shouldStayBoundedAndCountWhatItDrops() {
        Shadow shadow = new Shadow(10, 20);
        IntStream.range(0, 25).forEach(id -> shadow.hold(acked(id)));
        assertEquals(10, shadow.size());
        assertEquals(15, shadow.overflow());
        IntStream.range(100, 150).forEach(id -> shadow.taken(Upstream.key("ab12", 7, id)));
        assertEquals(30, shadow.takenEvicted());
        assertTrue(shadow.hold(acked(100)), "the oldest taken keys were forgotten");
        assertFalse(shadow.hold(acked(149)), "the newest are remembered");
    }

    @Test
    void shouldRoundTripNoticesAndRefuseHostileOnes() {
        List<String> keys = IntStream.range(0, 100).mapToObj(i -> Upstream.key("0123456789ab", 1733150000000L, i))
                .toList();
        List<String> texts = TakenNotice.encode(keys);
        assertTrue(texts.size() > 1, "split to fit a frame");
        List<String> back = new ArrayList<>();
        for (String t : texts) {
            assertTrue(t.length() <= TakenNotice.MAX_CHARS);
            back.addAll(TakenNotice.decode(t));
        }
        assertEquals(keys, back);
        assertNull(TakenNotice.decode(""));
        assertNull(TakenNotice.decode("ab/1/2  ab/1/3"), "empty word");
        assertNull(TakenNotice.decode("ab/1/99999999999999999999"), "id too long");
        assertNull(TakenNotice.decode("ab/1/2 <script>"));
        assertNull(TakenNotice.decode("ab/1/2 ".repeat(200)), "too long");
    }
}
