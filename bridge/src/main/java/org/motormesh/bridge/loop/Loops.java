package org.motormesh.bridge.loop;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** Makes and stops the one-thread loops that own state (bridge loop, link loop). */
public final class Loops {
    private Loops() {
    }

    /** A daemon single-thread scheduler named {@code name}; on stop, delayed tasks (retries, deadlines) are dropped. */
    public static ScheduledExecutorService start(String name) {
        ScheduledThreadPoolExecutor loop = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
        loop.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        loop.setRemoveOnCancelPolicy(true);
        return loop;
    }

    /** Lets work already due finish (not delayed tasks), waiting at most two seconds. */
    public static void stop(ScheduledExecutorService loop) {
        loop.shutdown();
        try {
            loop.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
