package org.motormesh.membership;

/**
 * Remembers which of the last {@code size} numbers of a rising series were seen: the replay window over frame
 * sequence numbers (64) and the duplicate filter over QoS 1 message ids. Not thread safe: owned by the event loop.
 */
public final class SlidingWindow {
    private final long[] bits;
    private final int size;
    private long highest;

    public SlidingWindow(int size) {
        if (size <= 0 || size % 64 != 0) {
            throw new IllegalArgumentException("window size " + size + " must be a positive multiple of 64");
        }
        this.size = size;
        this.bits = new long[size / 64];
    }

    /** True when {@code n} may be accepted: above the window, or inside it and not yet seen. Does not move. */
    public boolean isFresh(long n) {
        if (n > highest) {
            return true;
        }
        long age = highest - n;
        return age < size && !test(n);
    }

    /** Records {@code n} as seen (call only after every other check passed); returns false if it was not fresh. */
    public boolean accept(long n) {
        if (!isFresh(n)) {
            return false;
        }
        if (n > highest) {
            long shift = n - highest;
            if (shift >= size) {
                java.util.Arrays.fill(bits, 0L);
            } else {
                for (long k = highest + 1; k < n; k++) {
                    clear(k);
                }
            }
            highest = n;
        }
        set(n);
        return true;
    }

    public long highest() {
        return highest;
    }

    public void reset() {
        java.util.Arrays.fill(bits, 0L);
        highest = 0;
    }

    private boolean test(long n) {
        int i = (int) Math.floorMod(n, (long) size);
        return (bits[i >>> 6] & (1L << (i & 63))) != 0;
    }

    private void set(long n) {
        int i = (int) Math.floorMod(n, (long) size);
        bits[i >>> 6] |= 1L << (i & 63);
    }

    private void clear(long n) {
        int i = (int) Math.floorMod(n, (long) size);
        bits[i >>> 6] &= ~(1L << (i & 63));
    }
}
