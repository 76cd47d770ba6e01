package org.motormesh.app.bench;

import java.util.concurrent.locks.LockSupport;

/**
 * Hands a reply's sequence number from a receive thread (a handler or callback) to the application thread that
 * waits for it, as a user's code would: the waiter parks, the receiver unparks it. One waiter at a time.
 */
final class Reply {
    private volatile int last = -1;
    private volatile Thread waiter;

    /** Called by the receiving thread with the number the reply carries. */
    void arrived(int seq) {
        last = seq;
        Thread w = waiter;
        if (w != null) {
            LockSupport.unpark(w);
        }
    }

    /** Waits for reply {@code seq}; false when it has not come within {@code timeoutNs} (lost). */
    boolean await(int seq, long timeoutNs) {
        if (last == seq) {
            return true;
        }
        waiter = Thread.currentThread();
        long deadline = System.nanoTime() + timeoutNs;
        try {
            while (last != seq) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                LockSupport.parkNanos(this, left);
            }
            return true;
        } finally {
            waiter = null;
        }
    }
}
