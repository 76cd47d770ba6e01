package org.motormesh.app;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * How a long-running verb (bridge, mqtt, channel-server, dashboard) lives until Ctrl-C: {@code stop} runs in the
 * JVM's shutdown hook, and until then a status line is printed every few seconds (never, for 0).
 */
final class StatusLoop {
    private StatusLoop() {
    }

    static void untilStopped(int everySeconds, Runnable stop, Supplier<String> status) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stop.run();
            stopped.countDown();
        }, "shutdown"));
        while (!stopped.await(everySeconds <= 0 ? 3600 : everySeconds, TimeUnit.SECONDS)) {
            if (everySeconds > 0) {
                System.out.println(status.get());
            }
        }
    }
}
