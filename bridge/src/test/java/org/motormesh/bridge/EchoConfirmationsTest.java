package org.motormesh.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.motormesh.bridge.outbox.Upstream;

/** A frame is delivered when its echo (or a later frame's) is back; without one, only after the wait runs out. */
class EchoConfirmationsTest {
    private final List<String> delivered = new ArrayList<>();
    private final EchoConfirmations confirmations = new EchoConfirmations(m -> delivered.add(m.text()));

    @Test
    void shouldConfirmAFrameAndEveryEarlierOneWhenItsEchoComesBack() {
        for (int i = 1; i <= 5; i++) {
            confirmations.sent(frame(i), 0);
        }
        assertEquals(List.of(), delivered, "nothing before an echo");
        confirmations.echoed(text(2));
        assertEquals(List.of(text(1), text(2)), delivered, "an echo also confirms what went before it");
        confirmations.echoed("{\"topic\":\"/someone/else\",\"value\":1}");
        confirmations.echoed(text(1));
        assertEquals(2, delivered.size(), "an echo of nothing waiting confirms nothing");
        confirmations.echoed(text(5));
        assertEquals(List.of(text(1), text(2), text(3), text(4), text(5)), delivered);
        assertEquals(0, confirmations.waiting());
    }

    @Test
    void shouldConfirmByAgeWhenTheEchoNeverComes() {
        confirmations.echoed("{\"topic\":\"/earlier\",\"value\":0}"); // the channel has shown it echoes
        confirmations.sent(frame(1), 0);
        confirmations.sent(frame(2), 5_000);
        confirmations.expire(EchoConfirmations.MAX_WAIT_MS - 1);
        assertEquals(List.of(), delivered);
        confirmations.expire(EchoConfirmations.MAX_WAIT_MS);
        assertEquals(List.of(text(1)), delivered);
        assertEquals(1, confirmations.byTimeout());
        confirmations.confirmAll();
        assertEquals(List.of(text(1), text(2)), delivered, "a closed link's frames count as delivered");
    }

    @Test
    void shouldTakeAChannelThatSendsNothingBackAsNotEchoing() {
        confirmations.sent(frame(1), 0);
        confirmations.expire(EchoConfirmations.PROBE_MS - 1);
        assertEquals(List.of(), delivered, "still waiting to see whether the channel echoes");
        assertEquals(true, confirmations.expectsEchoes());
        confirmations.expire(EchoConfirmations.PROBE_MS);
        assertEquals(List.of(text(1)), delivered, "no echo at all within the probe: what waited counts as delivered");
        assertEquals(false, confirmations.expectsEchoes());
        confirmations.echoed(text(9));
        assertEquals(true, confirmations.expectsEchoes(), "an echo seen later turns waiting back on");
    }

    @Test
    void shouldStayBounded() {
        for (int i = 0; i < EchoConfirmations.MAX_WAITING + 10; i++) {
            confirmations.sent(frame(i), 0);
        }
        assertEquals(EchoConfirmations.MAX_WAITING, confirmations.waiting());
        assertEquals(10, delivered.size());
    }

    private static Upstream frame(int i) {
        return new Upstream("/t", text(i), true, "s/1/" + i);
    }

    private static String text(int i) {
        return "{\"topic\":\"/t\",\"value\":" + i + "}";
    }
}
