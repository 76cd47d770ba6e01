package org.motormesh.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RateMeterTest {
    @Test
    void shouldCountEventsOfTheLastSecond() {
        RateMeter meter = new RateMeter();
        for (long t = 10_000; t < 11_000; t += 20) {
            meter.record(t);
        }
        assertEquals(50.0, meter.perSecond(10_999), 0.001);
    }

    @Test
    void shouldFallToZeroWhenQuiet() {
        RateMeter meter = new RateMeter();
        meter.record(5_000);
        assertEquals(1.0, meter.perSecond(5_500), 0.001);
        assertEquals(0.0, meter.perSecond(6_100), 0.001);
    }

    @Test
    void shouldNotCountABucketFromAnEarlierLap() {
        RateMeter meter = new RateMeter();
        meter.record(0);
        assertEquals(0.0, meter.perSecond(2_000), 0.001);
    }
}
