package org.motormesh.mesh;

import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes and stops the one-thread loops that own state (bridge loop, link loop, dashboard loop, demo loop,
 * timers). A task that throws is reported through {@link #onTaskFailed} (a rate-limited warning naming the loop),
 * never swallowed by the executor; as with any executor, a periodic task that throws runs no more.
 */
public final class Loops {
    private static final Logger LOG = LoggerFactory.getLogger(Loops.class);

    private Loops() {
    }

    /** A daemon single-thread scheduler named {@code name}; on stop, delayed tasks (retries, deadlines) are dropped. */
    public static ScheduledExecutorService start(String name) {
        ScheduledThreadPoolExecutor loop = new ReportingLoop(name);
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

    /** Runs a task's failure out of the executor's future into the loop's error handler. */
    private static final class ReportingLoop extends ScheduledThreadPoolExecutor {
        private final RateLimitedLog errors = new RateLimitedLog(LOG, 5_000);
        private final String name;

        ReportingLoop(String name) {
            super(1, r -> {
                Thread t = new Thread(r, name);
                t.setDaemon(true);
                return t;
            });
            this.name = name;
        }

        @Override
        protected void afterExecute(Runnable task, Throwable thrown) {
            super.afterExecute(task, thrown);
            Throwable failure = thrown;
            if (failure == null && task instanceof Future<?> future && future.isDone() && !future.isCancelled()) {
                try {
                    future.get();
                } catch (ExecutionException e) {
                    failure = e.getCause();
                } catch (CancellationException e) {
                    // cancelled: not a failure of the task
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (failure != null) {
                errors.warn("a task on " + name + " failed", failure);
            }
        }
    }
}
