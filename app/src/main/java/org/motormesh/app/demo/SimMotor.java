package org.motormesh.app.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.motormesh.mesh.MeshConfig;
import org.motormesh.mesh.Message;
import org.motormesh.mesh.Subscription;
import org.motormesh.node.MeshNode;
import org.motormesh.proto.v1.Qos;
import org.motormesh.proto.v1.Value;
import org.motormesh.status.StatusPublisher;

/**
 * A simulated Smart Motor: a real mesh node (own UDP port, mDNS) running a {@link MotorApp}. The demo loop owns
 * the app: it ticks the app every {@link #TICK_MS} and receives the node's messages; the node's own loop only
 * hands them over.
 */
final class SimMotor implements AutoCloseable {
    /** Half the controller's minimum gap, so it can publish at its full 50 per second. */
    static final long TICK_MS = 10;

    private final MeshNode node;
    private final MotorApp app;
    private final ScheduledExecutorService loop;
    private final String topic;
    private final List<Subscription> subscriptions = new ArrayList<>();
    private StatusPublisher status;
    private ScheduledFuture<?> ticker;

    SimMotor(MeshConfig config, MotorApp app, ScheduledExecutorService loop) {
        this.node = new MeshNode(config);
        this.app = app;
        this.loop = loop;
        this.topic = MotorApp.angleTopic(config.name());
    }

    SimMotor start(long statusPeriodMs) {
        node.start();
        for (String prefix : app.subscriptions()) {
            subscriptions.add(node.subscribe(prefix, this::onMessage));
        }
        ticker = loop.scheduleAtFixedRate(this::tick, TICK_MS, TICK_MS, TimeUnit.MILLISECONDS);
        status = new StatusPublisher(node, app::status).start(loop, statusPeriodMs);
        return this;
    }

    private void onMessage(Message m) {
        try {
            loop.execute(() -> app.onMessage(m.topic(), m.value()));
        } catch (RejectedExecutionException stopping) {
            // the demo is stopping
        }
    }

    /** The tick's error boundary: a failed publish (the node closing) must not end the schedule silently. */
    private void tick() {
        Value v = app.step(System.nanoTime() / 1_000_000);
        if (v != null) {
            try {
                node.publish(topic, v, Qos.QOS_LATEST);
            } catch (RuntimeException closing) {
                // only while the demo stops: close() cancels this tick first
            }
        }
    }

    String name() {
        return node.name();
    }

    String kind() {
        return app.kind();
    }

    /** Stops ticking and reporting, then leaves the mesh (Bye) and closes the socket. */
    @Override
    public void close() {
        if (ticker != null) {
            ticker.cancel(false);
        }
        if (status != null) {
            status.close();
        }
        node.close();
    }
}
