package org.motormesh.membership;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SlidingWindowTest {
    private final SlidingWindow window = new SlidingWindow(64);

    @Test
    void shouldAcceptEachNumberOnce() {
        assertTrue(window.accept(1));
        assertFalse(window.accept(1));
        assertTrue(window.accept(2));
        assertFalse(window.accept(2));
    }

    @Test
    void shouldAcceptLateNumbersInsideTheWindowOnlyOnce() {
        assertTrue(window.accept(100));
        assertTrue(window.accept(99));
        assertTrue(window.accept(37));
        assertFalse(window.accept(37));
        assertFalse(window.accept(99));
    }

    @Test
    void shouldRejectNumbersOlderThanTheWindow() {
        assertTrue(window.accept(100));
        assertFalse(window.isFresh(36));
        assertFalse(window.accept(36));
        assertTrue(window.isFresh(37));
    }

    @Test
    void shouldForgetOldBitsWhenJumpingAhead() {
        assertTrue(window.accept(5));
        assertTrue(window.accept(69));
        assertFalse(window.accept(5));
        assertTrue(window.accept(68));
        assertTrue(window.accept(1000));
        assertTrue(window.accept(999));
        assertFalse(window.accept(936));
    }

    @Test
    void shouldNotMoveWhenOnlyAsked() {
        assertTrue(window.isFresh(10));
        assertTrue(window.accept(10));
        assertTrue(window.isFresh(11));
        assertTrue(window.accept(11));
    }

    @Test
    void shouldStartOverAfterReset() {
        window.accept(500);
        window.reset();
        assertTrue(window.accept(1));
    }

    @Test
    void shouldRejectSizesThatAreNotWholeWords() {
        assertThrows(IllegalArgumentException.class, () -> new SlidingWindow(65));
        assertThrows(IllegalArgumentException.class, () -> new SlidingWindow(0));
    }
}
