package org.motormesh.status;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.motormesh.mesh.MeshStats;
import org.motormesh.mesh.PublishLimit;
import org.motormesh.mesh.Values;
import org.motormesh.node.MeshNode;
import org.motormesh.proto.v1.Qos;

/**
 * Publishes a node's {@link StatusReport} on {@code $mesh/status/<name>} every period, but only while a live
 * peer (a dashboard) subscribes to a prefix of that topic. Runs on the timer it is given, which must also own
 * whatever the {@code app} supplier reads.
 */
public final class StatusPublisher implements AutoCloseable {
    /** The reserved prefix: dashboards subscribe to it; bridges should not carry it to the channel. */
    public static final String PREFIX = "$mesh/status/";
    /** Five reports a second: enough for a dashboard refreshing at that rate. */
    public static final long DEFAULT_PERIOD_MS = 200;

    private final MeshNode node;
    private final Supplier<? extends Map<String, ?>> app;
    private final String topic;
    private ScheduledFuture<?> task;

    /** For a started node; {@code app} adds application fields (may return an empty map). */
    public StatusPublisher(MeshNode node, Supplier<? extends Map<String, ?>> app) {
        this.node = Objects.requireNonNull(node, "node");
        this.app = Objects.requireNonNull(app, "app");
        this.topic = topic(node.name());
    }

    /** The status topic of the node called {@code name}. */
    public static String topic(String name) {
        return PREFIX + name;
    }

    /** True for a topic under the reserved status prefix. */
    public static boolean isStatus(String topic) {
        return topic.startsWith(PREFIX);
    }

    /** Publishes every {@code periodMs} on {@code timer} until closed. */
    public synchronized StatusPublisher start(ScheduledExecutorService timer, long periodMs) {
        if (periodMs < 10) {
            throw new IllegalArgumentException("status period " + periodMs + " ms must be at least 10");
        }
        task = timer.scheduleAtFixedRate(this::publishQuietly, periodMs, periodMs, TimeUnit.MILLISECONDS);
        return this;
    }

    /** Publishes one report now if anyone listens; returns whether it did. */
    public boolean publishNow() {
        MeshStats stats = node.stats();
        boolean wanted = stats.peers().stream()
                .anyMatch(p -> p.subscriptions().stream().anyMatch(topic::startsWith));
        if (!wanted) {
            return false;
        }
        String json = StatusReport.render(node.name(), node.id(), node.config().role(), stats, app.get(),
                PublishLimit.maxJsonLength(topic));
        node.publish(topic, Values.json(json), Qos.QOS_LATEST);
        return true;
    }

    /** The timer's boundary: a node closing under us ends this report, not the schedule. */
    private void publishQuietly() {
        try {
            publishNow();
        } catch (RuntimeException closing) {
            // the node is stopping; the owner closes this publisher next
        }
    }

    @Override
    public synchronized void close() {
        if (task != null) {
            task.cancel(false);
        }
    }
}
