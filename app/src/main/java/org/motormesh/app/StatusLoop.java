package org.motormesh.app;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** Prints a status line every few seconds until stopped (Ctrl-C). */
final class StatusLoop {
    private StatusLoop() {
    }

    static void run(int everySeconds, CountDownLatch stopped, Supplier<String> status) throws InterruptedException {
        while (!stopped.await(everySeconds <= 0 ? 3600 : everySeconds, TimeUnit.SECONDS)) {
            if (everySeconds > 0) {
                System.out.println(status.get());
            }
        }
    }
}
