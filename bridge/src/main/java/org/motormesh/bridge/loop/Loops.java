package org.motormesh.bridge.loop;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Makes and stops the one-thread loops that own state (bridge loop, link loop). */
public final class Loops {
    private Loops() {
    }

    /** A daemon single-thread scheduler named {@code name}. */
    public static ScheduledExecutorService start(String name) {
        return Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    /** Lets queued work finish, waiting at most two seconds. */
    public static void stop(ScheduledExecutorService loop) {
        loop.shutdown();
        try {
            loop.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
