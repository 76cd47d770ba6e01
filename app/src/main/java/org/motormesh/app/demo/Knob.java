package org.motormesh.app.demo;

/** A hand turning a knob back and forth: a triangle sweep from 0 to 180 degrees and back. Immutable. */
record Knob(long periodMs, long offsetMs) {
    Knob {
        if (periodMs < 100) {
            throw new IllegalArgumentException("knob period " + periodMs + " ms must be at least 100");
        }
    }

    /** The whole-degree angle at {@code nowMs}. */
    int angle(long nowMs) {
        long t = Math.floorMod(nowMs + offsetMs, periodMs);
        long half = periodMs / 2;
        long up = t < half ? t : periodMs - t;
        return (int) Math.round(180.0 * up / half);
    }
}
