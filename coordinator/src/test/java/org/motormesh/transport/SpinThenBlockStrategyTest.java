package org.motormesh.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.channel.SelectStrategy;
import org.junit.jupiter.api.Test;

/** The polling slot is given back when a loop stops mid-spin (issue 11.8). */
class SpinThenBlockStrategyTest {

    @Test
    void shouldReleaseTheSlotOfALoopStoppedWhileSpinning() throws Exception {
        int before = SpinThenBlockStrategy.spinningNow();
        SpinThenBlockStrategy strategy = new SpinThenBlockStrategy(10_000_000);
        SpinThenBlockStrategy.loopStarted();
        try {
            strategy.calculateStrategy(() -> 0, true);
            int result = strategy.calculateStrategy(() -> 0, false);
            assertEquals(0, result, "polls (selectNow) instead of blocking right after activity");
            assertEquals(before + 1, SpinThenBlockStrategy.spinningNow(), "holds a slot while spinning");
            strategy.release();
            assertEquals(before, SpinThenBlockStrategy.spinningNow(), "the slot is back");
            strategy.release();
            assertEquals(before, SpinThenBlockStrategy.spinningNow(), "releasing twice gives back nothing more");
            assertEquals(SelectStrategy.SELECT, new SpinThenBlockStrategy(0).calculateStrategy(() -> 0, false));
        } finally {
            SpinThenBlockStrategy.loopStopped();
        }
    }
}
