package org.motormesh.membership;

/** Smoothed round-trip time (RFC 6298 style, alpha 1/8) plus the last sample. Not thread safe. */
public final class RttEstimator {
    private long smoothedMicros = -1;
    private long lastMicros = -1;
    private long samples;

    public void onSample(long micros) {
        if (micros < 0) {
            return;
        }
        lastMicros = micros;
        samples++;
        smoothedMicros = smoothedMicros < 0 ? micros : smoothedMicros + (micros - smoothedMicros) / 8;
    }

    /** Smoothed RTT in microseconds, or -1 before the first sample. */
    public long smoothedMicros() {
        return smoothedMicros;
    }

    public long lastMicros() {
        return lastMicros;
    }

    public long samples() {
        return samples;
    }
}
